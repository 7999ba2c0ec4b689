//! WRONG: reports Cancelled whenever the deadline passed, though the work may have finished meanwhile.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::timeout;

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

pub async fn run_until<F, Fut>(deadline: Duration, work: F) -> Report
where
    F: FnOnce(Progress) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let progress = Progress::default();
    let mut task = tokio::spawn(work(progress.clone()));
    // `&mut task`: a JoinHandle is a future, and `timeout` may drop what it is given.
    // Lending it keeps the handle, so the task can still be aborted after a timeout.
    let ended = match timeout(deadline, &mut task).await {
        Ok(ended) => ended,
        Err(_deadline_passed) => {
            task.abort();
            // Wait until it has really stopped (at its next `.await`), so that no
            // step can finish after we read the progress.
            let _ = task.await;
            // "The deadline passed, so it was cancelled."
            return Report {
                finished: progress.finished(),
                outcome: Outcome::Cancelled,
            };
        }
    };
    let outcome = match ended {
        Ok(()) => Outcome::Finished,
        Err(error) if error.is_cancelled() => Outcome::Cancelled,
        Err(_) => Outcome::Panicked,
    };
    Report {
        finished: progress.finished(),
        outcome,
    }
}
