//! Exercise 5 (hard): fan out over N jobs, with at most K running at a time.
//!
//! ```python
//! async def fan_out(jobs, limit):
//!     permits = asyncio.Semaphore(limit)
//!
//!     async def one(job):
//!         async with permits:
//!             return await job
//!
//!     async with asyncio.TaskGroup() as group:
//!         tasks = [group.create_task(one(job)) for job in jobs]
//!     return [task.result() for task in tasks]
//! ```
//!
//! Run every job in a task of its own, with at most `limit` of them running at once
//! (a `limit` of 0 counts as 1, and `usize::MAX` means no limit), and return their
//! results in the order of `jobs`, whatever order they finish in. If a job panics,
//! return its `JoinError` at once; the jobs still running are then aborted, as
//! `TaskGroup` cancels the rest when one task fails. (Unlike `TaskGroup`, which then
//! waits for the cancelled tasks to finish, dropping a `JoinSet` only aborts them and
//! does not wait: `shutdown().await` is the call that waits, and chapter 4 shows it.)

use tokio::task::JoinError;

// ANCHOR: exercise
pub async fn fan_out<T, Fut>(jobs: Vec<Fut>, limit: usize) -> Result<Vec<T>, JoinError>
where
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    // TODO: spawn each job into a `JoinSet`, gated by a `Semaphore` of `limit`
    // permits (a job holds a permit while it runs), remember each job's position,
    // and collect the results with `join_next` into their places.
    let _ = (&jobs, limit); // Only silences "unused" warnings: delete it.
    todo!("run the jobs, at most `limit` at a time")
}
// ANCHOR_END: exercise
