//! Dropping a future cancels it, at the `.await` where it is waiting.
//!
//! Python cancels a task by raising `CancelledError` inside it, at the `await`
//! where it is suspended. The coroutine can catch it, clean up (even with more
//! `await`s), or refuse to stop.
//!
//! A Rust future has no such moment. It runs only while something polls it; when
//! the owner drops it instead (a timeout ran out, a `select!` branch lost, a
//! `try_join_all` hit an error), it is simply never polled again. Whatever it was
//! waiting on at that `.await` is dropped too, and the code after the `.await` never
//! runs. The only code that runs is `Drop`, which is Rust's `finally:`; it cannot
//! `.await`, and it cannot say no.
//!
//! And a future that was never polled never started: dropping it drops its
//! arguments, and nothing else happens.

use std::time::Duration;

use course_kit::Timeline;
use tokio::time::error::Elapsed;

use crate::job::{JobFailed, Outcome::*, job};

// ANCHOR: three_steps
/// Three one-second steps, one after the other.
pub async fn three_steps(timeline: &Timeline) -> Result<(), JobFailed> {
    job(timeline, "step 1", 1, Succeeds).await?;
    job(timeline, "step 2", 1, Succeeds).await?;
    job(timeline, "step 3", 1, Succeeds).await?;
    timeline.say("steps", "all three done");
    Ok(())
}

/// Give the three steps 1.5 s: the second one is cancelled half-way through.
pub async fn cancel_half_way(timeline: &Timeline) -> Result<Result<(), JobFailed>, Elapsed> {
    tokio::time::timeout(Duration::from_millis(1500), three_steps(timeline)).await
}
// ANCHOR_END: three_steps

// ANCHOR: never_polled
/// Build the three steps and drop them unpolled: not one line of them runs.
pub fn drop_before_polling(timeline: &Timeline) {
    let steps = three_steps(timeline);
    drop(steps);
}
// ANCHOR_END: never_polled

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: f64) -> Option<Duration> {
        Some(Duration::from_secs_f64(n))
    }

    #[tokio::test(start_paused = true)]
    async fn a_dropped_future_stops_at_the_await_it_was_waiting_on() {
        let timeline = Timeline::quiet();
        let result = cancel_half_way(&timeline).await;
        assert!(result.is_err(), "1.5 s is not enough for three 1 s steps");
        assert_eq!(timeline.when("step 1", "done"), secs(1.0));
        assert_eq!(timeline.when("step 2", "start"), secs(1.0));
        assert_eq!(
            timeline.when("step 2", "dropped"),
            secs(1.5),
            "cancelled in the middle of step 2, at its sleep"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn no_code_after_the_cancelled_await_ever_runs() {
        let timeline = Timeline::quiet();
        let _ = cancel_half_way(&timeline).await;
        tokio::time::sleep(Duration::from_secs(10)).await;
        assert_eq!(timeline.when("step 2", "done"), None);
        assert_eq!(timeline.when("step 3", "start"), None);
        assert_eq!(timeline.when("steps", "all three done"), None);
    }

    #[test]
    fn a_future_dropped_before_its_first_poll_never_starts() {
        let timeline = Timeline::quiet();
        drop_before_polling(&timeline);
        assert_eq!(timeline.events(), [], "not even `start` was said");
    }
}
