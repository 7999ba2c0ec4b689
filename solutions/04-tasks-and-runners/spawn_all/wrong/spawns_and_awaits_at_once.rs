//! WRONG: spawns each job and awaits it straight away, so the next starts only when it ends.

use tokio::task::JoinError;

pub async fn spawn_all<T, F>(jobs: Vec<F>) -> Vec<Result<T, JoinError>>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let mut results = Vec::new();
    for job in jobs {
        results.push(tokio::spawn(job).await);
    }
    results
}
