//! WRONG: it waits for every job to end, then returns the first error in the list.

use tokio::task::JoinSet;

pub async fn gather_or_cancel<T, E, F>(jobs: Vec<F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut outcomes: Vec<Option<Result<T, E>>> = jobs.iter().map(|_| None).collect();
    let mut group = JoinSet::new();
    for (index, job) in jobs.into_iter().enumerate() {
        group.spawn(async move { (index, job.await) });
    }
    while let Some(joined) = group.join_next().await {
        match joined {
            Ok((index, outcome)) => outcomes[index] = Some(outcome),
            Err(crashed) => std::panic::resume_unwind(crashed.into_panic()),
        }
    }
    // Like `asyncio.gather` without return_exceptions... but only after all are done.
    outcomes.into_iter().flatten().collect()
}
