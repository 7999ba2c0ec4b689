//! WRONG: the results come back in the order the jobs finished, not the order of the list.

use tokio::task::JoinSet;

pub async fn gather_or_cancel<T, E, F>(jobs: Vec<F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut results = Vec::new();
    let mut group = JoinSet::new();
    for job in jobs {
        group.spawn(job);
    }
    while let Some(joined) = group.join_next().await {
        match joined {
            Ok(Ok(value)) => results.push(value),
            Ok(Err(error)) => {
                group.shutdown().await;
                return Err(error);
            }
            Err(crashed) => std::panic::resume_unwind(crashed.into_panic()),
        }
    }
    Ok(results)
}
