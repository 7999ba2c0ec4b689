//! Exercise 1, solved: every job started as a task, then the results collected.

use tokio::task::JoinError;

// ANCHOR: solution
pub async fn spawn_all<T, F>(jobs: Vec<F>) -> Vec<Result<T, JoinError>>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    // Every job is running once this line is done, before anything is awaited.
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        // A task that panicked gives Err(JoinError) here; the others are unaffected.
        results.push(handle.await);
    }
    results
}
// ANCHOR_END: solution
