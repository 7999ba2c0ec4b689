//! WRONG: awaits each future in turn (a for loop of awaits), so they never overlap.

use std::future::Future;

use tokio::time::{Instant, timeout_at};

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
    let mut outcomes = Vec::new();
    for future in futures {
        outcomes.push(match timeout_at(deadline, future).await {
            Ok(Ok(value)) => Outcome::Done(value),
            Ok(Err(error)) => Outcome::Failed(error),
            Err(_elapsed) => Outcome::Unfinished,
        });
    }
    outcomes
}
