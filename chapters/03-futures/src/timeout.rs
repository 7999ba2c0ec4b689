//! `asyncio.timeout`, `timeout_at` and `wait_for` in Rust.
//!
//! - `tokio::time::timeout(limit, future)` is `asyncio.wait_for(aw, limit)`, and also
//!   `async with asyncio.timeout(limit)` when the future is an `async` block around
//!   several awaits. It returns `Err(Elapsed)` when time runs out.
//! - `tokio::time::timeout_at(deadline, future)` is `asyncio.timeout_at(when)`: a
//!   fixed instant rather than a length, so one deadline can be shared by many steps.
//! - `tokio::select!` races futures and keeps the first to finish; racing a future
//!   against a `sleep` is a timeout written out by hand.
//!
//! In every form the loser is dropped: a timed-out future is cancelled at the
//! `.await` where it was waiting, with no `CancelledError` raised inside it.

use std::time::Duration;

use course_kit::Timeline;
use tokio::time::error::Elapsed;
use tokio::time::{Instant, sleep, timeout, timeout_at};

use crate::job::{JobFailed, Outcome::*, job};

// ANCHOR: timeout
/// `await asyncio.wait_for(job(), timeout=limit)`. The outer `Result` says whether
/// the job finished in time, the inner one whether it succeeded.
pub async fn with_timeout(
    timeline: &Timeline,
    name: &'static str,
    secs: u64,
    limit: Duration,
) -> Result<Result<String, JobFailed>, Elapsed> {
    timeout(limit, job(timeline, name, secs, Succeeds)).await
}
// ANCHOR_END: timeout

// ANCHOR: timeout_at
/// `async with asyncio.timeout_at(loop.time() + secs):` around three jobs in a row
/// (1 s, 2 s, 3 s): one deadline for all of them, keeping the results of those that
/// finished before it.
pub async fn steps_before_deadline(
    timeline: &Timeline,
    deadline_secs: u64,
) -> Result<Vec<String>, JobFailed> {
    let deadline = Instant::now() + Duration::from_secs(deadline_secs);
    let mut finished = Vec::new();
    for (name, secs) in [("first", 1), ("second", 2), ("third", 3)] {
        match timeout_at(deadline, job(timeline, name, secs, Succeeds)).await {
            Ok(result) => finished.push(result?),
            Err(_elapsed) => {
                timeline.say("deadline", "passed");
                break;
            }
        }
    }
    Ok(finished)
}
// ANCHOR_END: timeout_at

// ANCHOR: select
/// A 3-second job raced against a sleep of `limit`: `wait_for` written out by hand.
/// `None` means the sleep won, and the job was dropped.
pub async fn race_against_sleep(
    timeline: &Timeline,
    limit: Duration,
) -> Option<Result<String, JobFailed>> {
    tokio::select! {
        result = job(timeline, "slow", 3, Succeeds) => Some(result),
        () = sleep(limit) => {
            timeline.say("sleep", "won the race");
            None
        }
    }
}
// ANCHOR_END: select

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: f64) -> Option<Duration> {
        Some(Duration::from_secs_f64(n))
    }

    #[tokio::test(start_paused = true)]
    async fn a_job_within_its_timeout_returns_at_its_own_end() {
        let timeline = Timeline::quiet();
        let start = Instant::now();
        let result = with_timeout(&timeline, "quick", 1, Duration::from_secs(2)).await;
        assert_eq!(result, Ok(Ok("quick after 1s".to_string())));
        assert_eq!(start.elapsed(), Duration::from_secs(1), "not the 2 s limit");
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_job_times_out_at_the_limit_and_is_dropped() {
        let timeline = Timeline::quiet();
        let start = Instant::now();
        let result = with_timeout(&timeline, "slow", 3, Duration::from_secs(2)).await;
        assert!(result.is_err(), "3 s of work does not fit in 2 s");
        assert_eq!(start.elapsed(), Duration::from_secs(2));
        assert_eq!(timeline.when("slow", "dropped"), secs(2.0));
        sleep(Duration::from_secs(5)).await;
        assert_eq!(
            timeline.when("slow", "done"),
            None,
            "dropped means cancelled"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn one_deadline_covers_all_the_steps_and_keeps_those_that_finished() {
        let timeline = Timeline::quiet();
        let finished = steps_before_deadline(&timeline, 4).await;
        assert_eq!(
            finished,
            Ok(vec![
                "first after 1s".to_string(),
                "second after 2s".to_string()
            ])
        );
        assert_eq!(timeline.when("third", "start"), secs(3.0));
        assert_eq!(
            timeline.when("third", "dropped"),
            secs(4.0),
            "the deadline is 4 s after the start, whatever the step"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_deadline_after_every_step_changes_nothing() {
        let timeline = Timeline::quiet();
        let finished = steps_before_deadline(&timeline, 10).await;
        assert_eq!(finished.map(|f| f.len()), Ok(3));
        assert_eq!(timeline.end(), Duration::from_secs(6));
    }

    #[tokio::test(start_paused = true)]
    async fn select_gives_the_sleep_the_win_at_the_limit_and_drops_the_job() {
        let timeline = Timeline::quiet();
        let result = race_against_sleep(&timeline, Duration::from_secs(2)).await;
        assert_eq!(result, None);
        assert_eq!(timeline.when("sleep", "won the race"), secs(2.0));
        assert_eq!(timeline.when("slow", "dropped"), secs(2.0));
    }

    #[tokio::test(start_paused = true)]
    async fn select_gives_the_job_the_win_when_it_is_quicker() {
        let timeline = Timeline::quiet();
        let result = race_against_sleep(&timeline, Duration::from_secs(5)).await;
        assert_eq!(result, Some(Ok("slow after 3s".to_string())));
        assert_eq!(timeline.end(), Duration::from_secs(3));
    }
}
