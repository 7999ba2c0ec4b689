//! WRONG: runs the jobs at once with join_all, but not as tasks: they die with their awaiter.

use futures::future::join_all;
use tokio::task::JoinError;

pub async fn spawn_all<T, F>(jobs: Vec<F>) -> Vec<Result<T, JoinError>>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    join_all(jobs).await.into_iter().map(Ok).collect()
}
