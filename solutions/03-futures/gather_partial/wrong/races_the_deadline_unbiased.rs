//! WRONG: races each future against `sleep_until(deadline)` without `biased;`: a ready one may lose.

use std::future::Future;

use futures::future::join_all;
use tokio::time::{Instant, sleep_until};

/// What became of one future.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T, E> {
    /// It finished with `Ok(value)`.
    Done(T),
    /// It finished with `Err(error)`.
    Failed(E),
    /// The deadline came first, and it was dropped.
    Unfinished,
}

/// Run every future at once until `deadline`; one outcome per future, in order.
pub async fn gather_partial<F, T, E>(futures: Vec<F>, deadline: Instant) -> Vec<Outcome<T, E>>
where
    F: Future<Output = Result<T, E>>,
{
    join_all(futures.into_iter().map(|future| async move {
        tokio::select! {
            result = future => match result {
                Ok(value) => Outcome::Done(value),
                Err(error) => Outcome::Failed(error),
            },
            () = sleep_until(deadline) => Outcome::Unfinished,
        }
    }))
    .await
}
