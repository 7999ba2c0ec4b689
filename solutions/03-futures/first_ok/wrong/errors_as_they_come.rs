//! WRONG: collects the errors in the order they arrive, not in argument order.

use std::future::Future;

use futures::StreamExt;
use futures::stream::FuturesUnordered;

/// Run every future at once: the first success, or every error in argument order.
pub async fn first_ok<F, T, E>(futures: Vec<F>) -> Result<T, Vec<E>>
where
    F: Future<Output = Result<T, E>>,
{
    let mut errors: Vec<E> = Vec::new();
    // Each output comes with the index of its future, so that an error can be put
    // back in argument order although the outputs come in finishing order.
    let mut running: FuturesUnordered<_> = futures
        .into_iter()
        .enumerate()
        .map(|(index, future)| async move { (index, future.await) })
        .collect();
    while let Some((index, result)) = running.next().await {
        match result {
            // Returning drops `running`, and every future still in it: the cancel.
            Ok(value) => return Ok(value),
            Err(error) => {
                let _ = index;
                errors.push(error);
            }
        }
    }
    Err(errors)
}
