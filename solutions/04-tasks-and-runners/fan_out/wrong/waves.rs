//! WRONG: runs the jobs in waves of `limit` (a batch, wait for all of it, the next batch).

use tokio::task::{JoinError, JoinSet};

pub async fn fan_out<T, Fut>(jobs: Vec<Fut>, limit: usize) -> Result<Vec<T>, JoinError>
where
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let count = jobs.len();
    let mut results: Vec<Option<T>> = (0..count).map(|_| None).collect();
    let mut jobs = jobs.into_iter().enumerate().peekable();
    while jobs.peek().is_some() {
        // One batch of `limit` jobs at once; the next batch waits for all of it.
        let mut batch = JoinSet::new();
        for (index, job) in jobs.by_ref().take(limit.max(1)) {
            batch.spawn(async move { (index, job.await) });
        }
        while let Some(joined) = batch.join_next().await {
            let (index, value) = joined?;
            results[index] = Some(value);
        }
    }
    Ok(results.into_iter().flatten().collect())
}
