//! WRONG: waits for every future (join_all), then takes the first Ok in argument order.

use std::future::Future;

use futures::future::join_all;

pub async fn first_ok<F, T, E>(futures: Vec<F>) -> Result<T, Vec<E>>
where
    F: Future<Output = Result<T, E>>,
{
    let mut errors = Vec::new();
    for result in join_all(futures).await {
        match result {
            Ok(value) => return Ok(value),
            Err(error) => errors.push(error),
        }
    }
    Err(errors)
}
