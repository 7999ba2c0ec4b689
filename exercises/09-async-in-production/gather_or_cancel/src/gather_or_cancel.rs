//! Exercise 3 (medium): `asyncio.TaskGroup`'s promise, for a list of jobs.
//!
//! ```python
//! async def gather_or_cancel(jobs):
//!     async with asyncio.TaskGroup() as group:
//!         tasks = [group.create_task(job) for job in jobs]
//!     return [task.result() for task in tasks]
//! ```
//!
//! Run every job as a task of its own, all at once, and:
//!
//! - when all succeed, return their results **in the order of `jobs`**;
//! - when one fails, return **the first error to happen** (in time, not in the list),
//!   **as soon as it happens**, after cancelling every other job **and waiting until
//!   each has stopped**, so that nothing of the group is left running when you return
//!   (TaskGroup waits for its cancelled tasks too);
//! - when a job panics, cancel the others and wait until they have stopped, then
//!   panic with the job's own panic, message unchanged (`std::panic::resume_unwind`),
//!   as TaskGroup re-raises;
//! - when the caller gives up on `gather_or_cancel` itself (drops it, say under a
//!   `timeout`), every job is cancelled.

// ANCHOR: exercise
pub async fn gather_or_cancel<T, E, F>(jobs: Vec<F>) -> Result<Vec<T>, E>
where
    F: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    // TODO: spawn every job into one `JoinSet` with its index, take the results as
    // they come with `join_next`, and on the first error cancel the rest, wait for
    // them, and return it.
    let _ = &jobs; // Only silences "unused" warnings: delete it.
    todo!("run the jobs as one group")
}
// ANCHOR_END: exercise
