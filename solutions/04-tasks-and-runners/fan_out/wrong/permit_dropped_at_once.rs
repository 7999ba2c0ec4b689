//! WRONG: `let _ = permit`: the permit is dropped at once, so nothing is limited.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::{JoinError, JoinSet};

pub async fn fan_out<T, Fut>(jobs: Vec<Fut>, limit: usize) -> Result<Vec<T>, JoinError>
where
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    // A semaphore with no permits would never let a job start: 0 counts as 1. And
    // one holds at most MAX_PERMITS (`new` panics past it); more permits than jobs
    // change nothing, so "no limit" (usize::MAX) is capped there.
    let permits = Arc::new(Semaphore::new(limit.clamp(1, Semaphore::MAX_PERMITS)));
    let count = jobs.len();
    let mut set = JoinSet::new();
    for (index, job) in jobs.into_iter().enumerate() {
        let permits = Arc::clone(&permits);
        set.spawn(async move {
            // Held until the job ends; dropping it gives the permit back, also when
            // the job panics or is aborted.
            let _ = permits
                .acquire_owned()
                .await
                .expect("the semaphore is never closed");
            (index, job.await)
        });
    }

    let mut results: Vec<Option<T>> = (0..count).map(|_| None).collect();
    while let Some(joined) = set.join_next().await {
        // On a panic, `?` returns, which drops `set` and aborts every job in it.
        let (index, value) = joined?;
        results[index] = Some(value);
    }
    // The set is empty only once every job has given back its (index, value).
    Ok(results.into_iter().flatten().collect())
}
