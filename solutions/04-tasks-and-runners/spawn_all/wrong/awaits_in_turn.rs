//! WRONG: awaits each job in turn without spawning it, so they run one after another.

use tokio::task::JoinError;

pub async fn spawn_all<T, F>(jobs: Vec<F>) -> Vec<Result<T, JoinError>>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let mut results = Vec::new();
    for job in jobs {
        results.push(Ok(job.await));
    }
    results
}
