//! `abort`: cancelling a task, and what the task sees of it.
//!
//! Python's `task.cancel()` throws `CancelledError` into the task at the `await` where
//! it is suspended; the task can catch it, clean up (awaiting as it likes, in `except`
//! and `finally`), and even refuse to stop. `JoinHandle::abort` lands in the same
//! place, where the task is suspended: at once if it is waiting, or, if it is being
//! polled right now, as soon as that poll returns `Pending` (an `.await` that was not
//! ready). What the task sees is blunter: the runtime drops its future instead of
//! polling it again. No code after that `.await` runs; the task's locals are dropped,
//! so the only cleanup that runs is `Drop`, which cannot `.await`. Whoever awaits the
//! handle gets a `JoinError` whose `is_cancelled()` is true.

use std::time::Duration;

use course_kit::Timeline;
use tokio::task::JoinError;
use tokio::time::sleep;

// ANCHOR: progress
/// The worker's progress, and its cleanup. `Drop` runs however the task ends:
/// returning, panicking, or being aborted at an `.await`. It is the Rust place for
/// what Python puts in `finally:` (but it cannot `.await`: it is not async).
pub struct Progress {
    timeline: Timeline,
    pub steps: u32,
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.timeline.say(
            "worker",
            format!("cleanup: dropped after {} steps", self.steps),
        );
    }
}
// ANCHOR_END: progress

// ANCHOR: worker
/// Do `steps` steps of one second each and return how many were done.
pub async fn worker(timeline: Timeline, steps: u32) -> u32 {
    let mut progress = Progress { timeline, steps: 0 };
    while progress.steps < steps {
        // The only places an abort can land: each `.await` that returns `Pending`.
        sleep(Duration::from_secs(1)).await;
        progress.steps += 1;
        progress
            .timeline
            .say("worker", format!("step {}", progress.steps));
    }
    progress.steps
}
// ANCHOR_END: worker

// ANCHOR: abort_after
/// Start a five-step worker, abort it after `after`, and return what awaiting its
/// handle gave: the steps done, or the `JoinError` of a cancelled task.
pub async fn abort_after(timeline: &Timeline, after: Duration) -> Result<u32, JoinError> {
    let handle = tokio::spawn(worker(timeline.clone(), 5));
    sleep(after).await;
    timeline.say("main", "handle.abort()");
    handle.abort();
    // `abort` only asks; awaiting the handle is how to know the task has stopped.
    let outcome = handle.await;
    match &outcome {
        Ok(steps) => timeline.say(
            "main",
            format!("the task had already finished: {steps} steps"),
        ),
        Err(error) => timeline.say(
            "main",
            format!(
                "awaiting the handle: {error} (is_cancelled: {})",
                error.is_cancelled()
            ),
        ),
    }
    outcome
}
// ANCHOR_END: abort_after

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn an_aborted_task_ends_with_a_cancelled_join_error() {
        let timeline = Timeline::quiet();
        let outcome = abort_after(&timeline, Duration::from_millis(2500)).await;
        assert!(outcome.unwrap_err().is_cancelled());
    }

    #[tokio::test(start_paused = true)]
    async fn the_aborted_task_sees_only_its_drop_at_the_moment_of_the_abort() {
        let timeline = Timeline::quiet();
        abort_after(&timeline, Duration::from_millis(2500))
            .await
            .unwrap_err();
        assert_eq!(
            timeline.when("worker", "cleanup: dropped after 2 steps"),
            Some(Duration::from_millis(2500)),
            "two steps done; the third was cut off in its sleep at 2.5s"
        );
        assert_eq!(timeline.when("worker", "step 3"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn aborting_a_task_that_already_finished_changes_nothing() {
        let timeline = Timeline::quiet();
        let outcome = abort_after(&timeline, Duration::from_secs(6)).await;
        assert_eq!(outcome.unwrap(), 5, "the result is still there to collect");
    }

    #[test]
    fn an_abort_lands_at_the_first_await_that_returns_pending() {
        use std::sync::mpsc;
        const WAIT: Duration = Duration::from_secs(10);
        // A multi-thread runtime, so that the task can be in the middle of a poll (on
        // the worker) when the abort comes from this thread.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap();
        let (started_tx, started) = mpsc::channel();
        let (release, release_rx) = mpsc::channel();
        let (said_tx, said) = mpsc::channel();
        let handle = runtime.spawn(async move {
            let _ = started_tx.send(());
            let _ = release_rx.recv(); // busy, in the middle of a poll
            std::future::ready(()).await; // ready at once: the task does not stop
            let _ = said_tx.send("past an .await that was ready");
            tokio::task::yield_now().await; // Pending: here the abort lands
            let _ = said_tx.send("past an .await that returned Pending");
        });
        started.recv_timeout(WAIT).unwrap();
        handle.abort();
        release.send(()).unwrap();
        assert_eq!(said.recv_timeout(WAIT), Ok("past an .await that was ready"));
        assert_eq!(
            said.recv_timeout(WAIT),
            Err(mpsc::RecvTimeoutError::Disconnected),
            "the future was dropped at yield_now, the first .await that returned Pending"
        );
        assert!(runtime.block_on(handle).unwrap_err().is_cancelled());
    }
}
