//! Exercise 1 (easy): start every job as a task, then collect the results.
//!
//! ```python
//! async def spawn_all(coros):
//!     tasks = [asyncio.create_task(coro) for coro in coros]   # all running now
//!     results = []
//!     for task in tasks:
//!         try:
//!             results.append(await task)
//!         except Exception as error:
//!             results.append(error)
//!     return results
//! ```
//!
//! Awaiting the tasks one by one takes no longer than the slowest job, because all of
//! them were started first. Write the same with `tokio::spawn`: every job runs as a
//! task of its own from the start, and the results come back in the order of `jobs`.
//! A job that panics does not stop the others: its place holds its `JoinError`.

use tokio::task::JoinError;

// ANCHOR: exercise
pub async fn spawn_all<T, F>(jobs: Vec<F>) -> Vec<Result<T, JoinError>>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    // TODO: spawn every job first (keep the JoinHandles in order), then await each
    // handle in turn; each gives `Result<T, JoinError>`.
    let _ = &jobs; // Only silences "unused" warnings: delete it.
    todo!("spawn every job, then await the handles")
}
// ANCHOR_END: exercise
