//! WRONG: plain `tokio::spawn` and awaiting the handles in order: nothing is ever cancelled.

pub async fn gather_or_cancel<T, E, F>(jobs: Vec<F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut results = Vec::new();
    for handle in handles {
        match handle.await {
            // Returning drops the other handles, which detaches their tasks.
            Ok(outcome) => results.push(outcome?),
            Err(crashed) => std::panic::resume_unwind(crashed.into_panic()),
        }
    }
    Ok(results)
}
