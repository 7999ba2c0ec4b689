//! Cancellation you ask for: `CancellationToken` and `TaskTracker`.
//!
//! `JoinHandle::abort` (chapter 4) and dropping a `JoinSet` stop a task at its next
//! `.await`, wherever that is. That is what a deadline wants, and the wrong thing for a
//! shutdown: a task stopped half-way through writing a reply or a file leaves the half
//! behind. Python has the same problem with `task.cancel()`, and the same fix: tell the
//! task to stop, and let it choose the place (usually an `asyncio.Event` it checks).
//!
//! `tokio_util::sync::CancellationToken` is that event, made for the job: `cancel()`
//! from anywhere, `cancelled().await` or `is_cancelled()` in the task, and child
//! tokens that a parent's cancel reaches but that can be cancelled on their own.
//! `tokio_util::task::TaskTracker` is the other half: it counts tasks so that you can
//! wait until all of them have ended, without keeping their results the way a
//! `JoinSet` does (a server with a million connections over its life would keep a
//! million results) and without aborting them when it is dropped.

use std::time::Duration;

use course_kit::Timeline;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

// ANCHOR: interruptible
/// A worker that may stop in the middle of a wait: `select!` races each step against
/// the token, so a cancel ends the worker at once, and the step in progress is lost.
/// Right for work that can be redone (polling a queue, a heartbeat).
pub async fn interruptible(
    name: &'static str,
    step: Duration,
    stop: CancellationToken,
    log: Timeline,
) {
    let mut done = 0;
    loop {
        tokio::select! {
            () = stop.cancelled() => break,
            () = tokio::time::sleep(step) => done += 1,
        }
    }
    log.say(name, format!("stopped at once, {done} steps done"));
}
// ANCHOR_END: interruptible

// ANCHOR: careful
/// A worker that never leaves a step half done: it looks at the token only between
/// steps, so a cancel takes effect when the current step ends. Right for work that must
/// not be cut (writing a record, answering a request).
pub async fn careful(name: &'static str, step: Duration, stop: CancellationToken, log: Timeline) {
    let mut done = 0;
    while !stop.is_cancelled() {
        tokio::time::sleep(step).await;
        done += 1;
    }
    log.say(name, format!("stopped after finishing step {done}"));
}
// ANCHOR_END: careful

// ANCHOR: tracker
/// Start both kinds of worker on a `TaskTracker`, cancel them all at `cancel_at`, and
/// return when the last one has stopped: the shape of every graceful shutdown.
pub async fn stop_workers(cancel_at: Duration, log: &Timeline) {
    let stop = CancellationToken::new();
    let tracker = TaskTracker::new();
    let step = Duration::from_millis(300);
    tracker.spawn(interruptible(
        "poller",
        step,
        stop.child_token(),
        log.clone(),
    ));
    tracker.spawn(careful("writer", step, stop.child_token(), log.clone()));

    tokio::time::sleep(cancel_at).await;
    log.say("main", "cancel");
    stop.cancel();
    // `close` says no more tasks will be added; `wait` returns once the tracker is
    // closed *and* empty. Forgetting `close` makes `wait` wait forever.
    tracker.close();
    tracker.wait().await;
    log.say("main", "every worker has stopped");
}
// ANCHOR_END: tracker

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[tokio::test(start_paused = true)]
    async fn a_select_on_the_token_stops_the_worker_at_the_moment_of_cancel() {
        let log = Timeline::quiet();
        stop_workers(1000 * MS, &log).await;
        assert_eq!(
            log.when("poller", "stopped at once, 3 steps done"),
            Some(1000 * MS),
            "{:?}",
            log.events()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_worker_that_checks_between_steps_finishes_its_step_first() {
        let log = Timeline::quiet();
        stop_workers(1000 * MS, &log).await;
        // Steps end at 300, 600, 900 and 1200 ms; the cancel at 1000 ms lands in step 4.
        assert_eq!(
            log.when("writer", "stopped after finishing step 4"),
            Some(1200 * MS),
            "{:?}",
            log.events()
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_tracker_waits_for_the_last_worker_to_stop() {
        let log = Timeline::quiet();
        stop_workers(1000 * MS, &log).await;
        assert_eq!(
            log.when("main", "every worker has stopped"),
            Some(1200 * MS)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn cancelling_a_parent_reaches_its_children_but_not_the_other_way() {
        let parent = CancellationToken::new();
        let child = parent.child_token();
        let sibling = parent.child_token();
        child.cancel();
        assert!(child.is_cancelled());
        assert!(
            !parent.is_cancelled(),
            "a child's cancel stays in the child"
        );
        assert!(!sibling.is_cancelled(), "and does not reach its siblings");
        parent.cancel();
        assert!(
            sibling.is_cancelled(),
            "a parent's cancel reaches every child"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_tracker_that_is_never_closed_never_finishes_waiting() {
        let tracker = TaskTracker::new();
        tracker.spawn(async {});
        let waited = tokio::time::timeout(Duration::from_secs(60), tracker.wait()).await;
        assert!(
            waited.is_err(),
            "wait() returned although close() was never called"
        );
    }
}
