//! Exercise 2, solved: a `gather` that keeps partial results.

use std::future::Future;

use futures::future::join_all;
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

// ANCHOR: solution
/// Run every future at once until `deadline`; one outcome per future, in order.
pub async fn gather_partial<F, T, E>(futures: Vec<F>, deadline: Instant) -> Vec<Outcome<T, E>>
where
    F: Future<Output = Result<T, E>>,
{
    // Each future gets the same deadline and turns whatever happens to it into an
    // `Outcome`, so none of them can fail the whole gather; `join_all` then runs
    // them all at once and keeps argument order. A future past the deadline is
    // dropped inside its `timeout_at`, at the deadline.
    join_all(futures.into_iter().map(|future| async move {
        match timeout_at(deadline, future).await {
            Ok(Ok(value)) => Outcome::Done(value),
            Ok(Err(error)) => Outcome::Failed(error),
            Err(_elapsed) => Outcome::Unfinished,
        }
    }))
    .await
}
// ANCHOR_END: solution
