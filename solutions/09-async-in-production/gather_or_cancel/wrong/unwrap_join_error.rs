//! WRONG: a panicked job is re-raised with `unwrap()` on its `JoinError`: a new panic,
//! whose message wraps the job's own instead of being it.

use tokio::task::JoinSet;

// ANCHOR: solution
pub async fn gather_or_cancel<T, E, F>(jobs: Vec<F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut results: Vec<Option<T>> = jobs.iter().map(|_| None).collect();
    // The set owns the tasks: if this future is dropped, the set is, and it aborts them.
    let mut group = JoinSet::new();
    for (index, job) in jobs.into_iter().enumerate() {
        group.spawn(async move { (index, job.await) });
    }
    while let Some(joined) = group.join_next().await {
        match joined {
            Ok((index, Ok(value))) => results[index] = Some(value),
            Ok((_, Err(error))) => {
                // Abort the others and wait until each has stopped.
                group.shutdown().await;
                return Err(error);
            }
            Err(crashed) => {
                group.shutdown().await;
                Err::<(), _>(crashed).unwrap();
                unreachable!("unwrap on an Err panics");
            }
        }
    }
    Ok(results.into_iter().flatten().collect())
}
// ANCHOR_END: solution
