//! WRONG: the first future to finish wins, even when it failed (select_all).

use std::future::Future;

use futures::future::select_all;

pub async fn first_ok<F, T, E>(futures: Vec<F>) -> Result<T, Vec<E>>
where
    F: Future<Output = Result<T, E>>,
{
    if futures.is_empty() {
        return Err(Vec::new());
    }
    let boxed: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let (first, _index, _rest) = select_all(boxed).await;
    first.map_err(|error| vec![error])
}
