//! The work the rest of the chapter waits on: jobs that report what happens to them.
//!
//! A [`job`] sleeps for its length, then succeeds or fails, and says so on a
//! [`Timeline`]: `start`, then `done` or `failed`. If the job's future is dropped
//! before it ends (cancelled, in Python's words), a guard's `Drop` says `dropped`
//! instead. Drop is the only thing that runs in a cancelled Rust future, the way a
//! `finally:` block runs in a cancelled Python coroutine, so the guard is how the
//! demos and tests can see a cancellation happen.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use course_kit::Timeline;

/// How a job ends, if it is allowed to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Succeeds,
    Fails,
}

/// The error of a job that fails: Python's exception, as a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFailed {
    pub name: &'static str,
}

impl fmt::Display for JobFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "job {} failed", self.name)
    }
}

impl std::error::Error for JobFailed {}

// ANCHOR: job
/// A job called `name` that takes `secs` seconds, then ends as `outcome` says. It
/// returns `"<name> after <secs>s"`, so a list of results shows whose is where.
///
/// The future owns a clone of the timeline, so it is `'static` and can be spawned.
pub fn job(
    timeline: &Timeline,
    name: &'static str,
    secs: u64,
    outcome: Outcome,
) -> impl Future<Output = Result<String, JobFailed>> + Send + 'static {
    let timeline = timeline.clone();
    async move {
        timeline.say(name, "start");
        let mut guard = SaysIfDropped {
            timeline: &timeline,
            name,
            ended: false,
        };
        tokio::time::sleep(Duration::from_secs(secs)).await;
        guard.ended = true;
        match outcome {
            Outcome::Succeeds => {
                timeline.say(name, "done");
                Ok(format!("{name} after {secs}s"))
            }
            Outcome::Fails => {
                timeline.say(name, "failed");
                Err(JobFailed { name })
            }
        }
    }
}

/// Says `dropped` on the timeline if the job's future is dropped before it ends.
struct SaysIfDropped<'a> {
    timeline: &'a Timeline,
    name: &'static str,
    ended: bool,
}

impl Drop for SaysIfDropped<'_> {
    fn drop(&mut self) {
        if !self.ended {
            self.timeline.say(self.name, "dropped");
        }
    }
}
// ANCHOR_END: job

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_job_takes_its_length_and_returns_its_name() {
        let timeline = Timeline::quiet();
        let result = job(&timeline, "a", 2, Outcome::Succeeds).await;
        assert_eq!(result, Ok("a after 2s".to_string()));
        assert_eq!(timeline.when("a", "done"), Some(Duration::from_secs(2)));
    }

    #[tokio::test(start_paused = true)]
    async fn a_failing_job_returns_its_error_at_its_end() {
        let timeline = Timeline::quiet();
        let result = job(&timeline, "b", 1, Outcome::Fails).await;
        assert_eq!(result, Err(JobFailed { name: "b" }));
        assert_eq!(timeline.when("b", "failed"), Some(Duration::from_secs(1)));
    }

    #[tokio::test(start_paused = true)]
    async fn a_job_dropped_half_way_says_dropped_and_never_done() {
        let timeline = Timeline::quiet();
        let _ = tokio::time::timeout(
            Duration::from_secs(1),
            job(&timeline, "c", 5, Outcome::Succeeds),
        )
        .await;
        assert_eq!(timeline.when("c", "dropped"), Some(Duration::from_secs(1)));
        assert_eq!(timeline.when("c", "done"), None);
    }
}
