//! Exercise 3 (medium): the first success wins; failures only count if all fail.
//!
//! ```python
//! async def first_ok(aws):
//!     tasks = [asyncio.ensure_future(aw) for aw in aws]
//!     pending = set(tasks)
//!     try:
//!         while pending:
//!             done, pending = await asyncio.wait(pending, return_when=FIRST_COMPLETED)
//!             for task in done:
//!                 if task.exception() is None:
//!                     return task.result()
//!         raise ExceptionGroup("all failed", [task.exception() for task in tasks])
//!     finally:
//!         for task in pending:
//!             task.cancel()
//! ```
//!
//! Ask several mirrors for the same file and keep the first good answer. Run every
//! future at once; return the first `Ok` to *arrive* (not the first in the list, and
//! not the first to finish if that one failed), and drop the others at that moment.
//! If every future fails, return all their errors, **in argument order**.

use std::future::Future;

// ANCHOR: exercise
/// Run every future at once: the first success, or every error in argument order.
pub async fn first_ok<F, T, E>(futures: Vec<F>) -> Result<T, Vec<E>>
where
    F: Future<Output = Result<T, E>>,
{
    // TODO: run them all at once (`futures::stream::FuturesUnordered` gives outputs
    // in the order they finish), remembering each one's index; return the first
    // `Ok`; keep each `Err` at its index; if none succeeded, return the errors.
    let _ = &futures; // Only silences "unused" warnings: delete it.
    todo!("race the futures for the first success")
}
// ANCHOR_END: exercise
