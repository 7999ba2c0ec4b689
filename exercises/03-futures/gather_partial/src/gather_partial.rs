//! Exercise 2 (medium): a `gather` that keeps partial results.
//!
//! ```python
//! done, pending = await asyncio.wait(tasks, timeout=3)
//! for task in pending:
//!     task.cancel()
//! ```
//!
//! `asyncio.wait` with a timeout hands back what finished and what did not, as two
//! unordered sets. Write a `gather` that does better: run every future at once until
//! a deadline, and return one [`Outcome`] per future, **in argument order**: what it
//! returned, the error it failed with (one failure stops nothing), or `Unfinished`
//! if the deadline came first. Unfinished futures are dropped (cancelled) at the
//! deadline. If every future finishes before the deadline, return then, not at the
//! deadline. A future that is ready at its first poll counts as finished even when
//! the deadline has already come, as with `tokio::time::timeout_at`.

use std::future::Future;

use tokio::time::Instant;

// ANCHOR: exercise
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
    // TODO: give each future the deadline (`tokio::time::timeout_at`), turn what
    // comes out into an `Outcome`, and run them all at once, keeping their order.
    let _ = (&futures, deadline); // Only silences "unused" warnings: delete it.
    todo!("gather until the deadline")
}
// ANCHOR_END: exercise
