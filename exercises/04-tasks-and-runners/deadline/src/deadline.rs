//! Exercise 3 (medium): cancel a task at a deadline, and report what it finished.
//!
//! ```python
//! async def run_until(deadline, work):
//!     progress = Progress()
//!     task = asyncio.create_task(work(progress))
//!     done, _ = await asyncio.wait({task}, timeout=deadline)
//!     if not done:
//!         task.cancel()
//!         try:
//!             await task
//!         except asyncio.CancelledError:
//!             return Report(progress.finished(), "cancelled")
//!     if task.exception():
//!         return Report(progress.finished(), "panicked")
//!     return Report(progress.finished(), "finished")
//! ```
//!
//! `work` is a job made of steps; it calls `progress.done(step)` after each one.
//! Run it as a task. If it is still running at the deadline, cancel it; then report
//! which steps it finished and how it ended. Return as soon as the work ends: do not
//! wait for the deadline when there is no need.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The steps a piece of work has finished, shared between the work (which adds to
/// it) and whoever started the work (who reads it). Cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    steps: Arc<Mutex<Vec<String>>>,
}

impl Progress {
    /// Record that `step` is finished.
    pub fn done(&self, step: &str) {
        self.lock().push(step.to_string());
    }

    /// The steps finished so far, in order.
    pub fn finished(&self) -> Vec<String> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        // A work that panicked between two steps left the list whole.
        self.steps.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// How the work ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It returned before the deadline.
    Finished,
    /// It was still running at the deadline, and was cancelled.
    Cancelled,
    /// It panicked before the deadline.
    Panicked,
}

/// What `run_until` found out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub finished: Vec<String>,
    pub outcome: Outcome,
}

// ANCHOR: exercise
pub async fn run_until<F, Fut>(deadline: Duration, work: F) -> Report
where
    F: FnOnce(Progress) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    // TODO: make a `Progress`, spawn `work(progress.clone())` as a task, and wait
    // for whichever comes first: the task's end or the deadline. At the deadline,
    // abort the task and await its handle, so that it has surely stopped before you
    // read `progress`. Then return the report.
    let _ = (deadline, &work); // Only silences "unused" warnings: delete it.
    todo!("run the work until the deadline")
}
// ANCHOR_END: exercise
