//! WRONG: on an error it drops the set (abort) and returns without waiting for the others to stop.

use tokio::task::JoinSet;

pub async fn gather_or_cancel<T, E, F>(jobs: Vec<F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut results: Vec<Option<T>> = jobs.iter().map(|_| None).collect();
    let mut group = JoinSet::new();
    for (index, job) in jobs.into_iter().enumerate() {
        group.spawn(async move { (index, job.await) });
    }
    while let Some(joined) = group.join_next().await {
        match joined {
            Ok((index, Ok(value))) => results[index] = Some(value),
            // `group` is dropped on return, which aborts the rest, eventually.
            Ok((_, Err(error))) => return Err(error),
            Err(crashed) => std::panic::resume_unwind(crashed.into_panic()),
        }
    }
    Ok(results.into_iter().flatten().collect())
}
