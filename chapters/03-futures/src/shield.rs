//! `asyncio.shield`: work that goes on when the side awaiting it gives up.
//!
//! `await asyncio.wait_for(save(), 1.5)` cancels `save` after 1.5 s. Python's
//! `shield(task)` puts a wrapper between the two: the timeout cancels the wrapper,
//! and the task keeps running.
//!
//! In Rust the same split comes from `tokio::spawn`. A plain future belongs to
//! whoever awaits it, so when the timeout drops it, it is cancelled. A spawned task
//! belongs to the runtime; what the awaiting side holds is a `JoinHandle`, and a
//! timeout drops (or stops waiting on) only that handle. The task runs on to its
//! end, and its result can be collected later from the same handle.
//!
//! (A spawned future must be `Send + 'static`: the runtime may run it on any thread,
//! for as long as it likes. Chapter 4 is about tasks.)

use std::time::Duration;

use course_kit::Timeline;
use tokio::time::error::Elapsed;
use tokio::time::timeout;

use crate::job::{JobFailed, Outcome::*, job};

/// How long the caller is willing to wait for the 3-second save.
pub const PATIENCE: Duration = Duration::from_millis(1500);

// ANCHOR: unshielded
/// `await asyncio.wait_for(save(), 1.5)`: the save is cancelled with the wait.
pub async fn unshielded(timeline: &Timeline) -> Result<Result<String, JobFailed>, Elapsed> {
    timeout(PATIENCE, job(timeline, "save", 3, Succeeds)).await
}
// ANCHOR_END: unshielded

// ANCHOR: shielded
/// `await asyncio.wait_for(asyncio.shield(task), 1.5)`, then `await task`.
pub async fn shielded(timeline: &Timeline) -> Result<String, JobFailed> {
    let mut save = tokio::spawn(job(timeline, "save", 3, Succeeds));
    // `&mut save` lets the timeout wait on the handle without taking it away.
    if timeout(PATIENCE, &mut save).await.is_err() {
        timeline.say("caller", "gave up waiting; the save goes on");
    }
    // ... the caller does other things; later, the result is still there.
    save.await
        .expect("the save neither panics nor is aborted, so its task ends with its result")
}
// ANCHOR_END: shielded

// ANCHOR: detached
/// Spawn the save, wait 1.5 s, and drop the handle: the task is detached, not
/// stopped.
pub async fn shielded_and_forgotten(timeline: &Timeline) {
    let save = tokio::spawn(job(timeline, "save", 3, Succeeds));
    let _ = timeout(PATIENCE, save).await;
    timeline.say("caller", "dropped the handle");
}
// ANCHOR_END: detached

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: f64) -> Option<Duration> {
        Some(Duration::from_secs_f64(n))
    }

    #[tokio::test(start_paused = true)]
    async fn without_a_shield_the_timeout_cancels_the_save() {
        let timeline = Timeline::quiet();
        assert!(unshielded(&timeline).await.is_err());
        assert_eq!(timeline.when("save", "dropped"), secs(1.5));
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert_eq!(
            timeline.when("save", "done"),
            None,
            "the save never finished"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_spawned_save_finishes_after_the_caller_gives_up() {
        let timeline = Timeline::quiet();
        let saved = shielded(&timeline).await;
        assert_eq!(saved, Ok("save after 3s".to_string()));
        assert_eq!(
            timeline.when("caller", "gave up waiting; the save goes on"),
            secs(1.5)
        );
        assert_eq!(
            timeline.when("save", "done"),
            secs(3.0),
            "the shielded work finished"
        );
        assert_eq!(timeline.when("save", "dropped"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_the_join_handle_does_not_stop_the_task() {
        let timeline = Timeline::quiet();
        shielded_and_forgotten(&timeline).await;
        assert_eq!(timeline.when("caller", "dropped the handle"), secs(1.5));
        assert_eq!(timeline.when("save", "done"), None, "not yet at 1.5 s");
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert_eq!(timeline.when("save", "done"), secs(3.0), "it ran on alone");
    }
}
