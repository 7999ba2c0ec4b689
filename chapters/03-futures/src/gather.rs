//! `asyncio.gather` in Rust: `join_all`, `try_join_all`, `join!` and `try_join!`.
//!
//! Every example runs the same three jobs, staggered so that they finish in a
//! different order from the one they were given in: `a` takes 3 s, `b` 1 s, `c` 2 s.
//! Results always come back in argument order, as `gather`'s do.
//!
//! What happens when one fails is where the forms differ:
//!
//! | Python | Rust | on `b`'s error at 1 s |
//! |---|---|---|
//! | `gather(..., return_exceptions=True)` | `join_all` / `join!` over `Result`s | every result, errors in place, at 3 s |
//! | `gather(..., return_exceptions=False)` | `try_join_all` / `try_join!` | `Err(b)` at 1 s; `a` and `c` are **dropped** |
//! | `gather(..., return_exceptions=False)` | spawn, then `try_join_all` the handles | `Err(b)` at 1 s; `a` and `c` **keep running** |
//!
//! Python's `gather` raises the first exception and leaves the other awaitables
//! running: they are tasks on the loop. A Rust future that nobody holds any more is
//! dropped, so `try_join_all` cancels the rest. To get Python's behaviour, make them
//! tasks first.

use course_kit::Timeline;
use futures::future::{join_all, try_join_all};

use crate::job::{JobFailed, Outcome::*, job};

// ANCHOR: in_order
/// `await asyncio.gather(a(), b(), c())`: every result, in argument order.
pub async fn gather_in_order(timeline: &Timeline) -> Vec<Result<String, JobFailed>> {
    join_all([
        job(timeline, "a", 3, Succeeds),
        job(timeline, "b", 1, Succeeds),
        job(timeline, "c", 2, Succeeds),
    ])
    .await
}
// ANCHOR_END: in_order

// ANCHOR: return_exceptions
/// `gather(a(), b(), c(), return_exceptions=True)` with `b` failing: `join_all`
/// waits for all three and keeps each `Result` in its place.
pub async fn gather_return_exceptions(timeline: &Timeline) -> Vec<Result<String, JobFailed>> {
    join_all([
        job(timeline, "a", 3, Succeeds),
        job(timeline, "b", 1, Fails),
        job(timeline, "c", 2, Succeeds),
    ])
    .await
}

/// The same with `join!`: a fixed number of futures, each of its own type, and a
/// tuple back instead of a `Vec`.
pub async fn join_macro(
    timeline: &Timeline,
) -> (
    Result<String, JobFailed>,
    Result<String, JobFailed>,
    Result<String, JobFailed>,
) {
    tokio::join!(
        job(timeline, "a", 3, Succeeds),
        job(timeline, "b", 1, Fails),
        job(timeline, "c", 2, Succeeds),
    )
}
// ANCHOR_END: return_exceptions

// ANCHOR: first_error
/// `gather(a(), b(), c())` with `b` failing: `try_join_all` returns `b`'s error as
/// soon as it happens, and drops (cancels) `a` and `c` on the way out.
pub async fn gather_first_error(timeline: &Timeline) -> Result<Vec<String>, JobFailed> {
    try_join_all([
        job(timeline, "a", 3, Succeeds),
        job(timeline, "b", 1, Fails),
        job(timeline, "c", 2, Succeeds),
    ])
    .await
}

/// The same with `try_join!`; on success it would give a tuple.
pub async fn try_join_macro(timeline: &Timeline) -> Result<(String, String, String), JobFailed> {
    tokio::try_join!(
        job(timeline, "a", 3, Succeeds),
        job(timeline, "b", 1, Fails),
        job(timeline, "c", 2, Succeeds),
    )
}
// ANCHOR_END: first_error

// ANCHOR: spawned
/// Python's `gather` exactly: the first error comes back at once, and the other
/// jobs, being tasks, keep running to their end.
pub async fn gather_spawned(timeline: &Timeline) -> Result<Vec<String>, JobFailed> {
    let tasks = [
        tokio::spawn(job(timeline, "a", 3, Succeeds)),
        tokio::spawn(job(timeline, "b", 1, Fails)),
        tokio::spawn(job(timeline, "c", 2, Succeeds)),
    ];
    // Dropping a JoinHandle does not stop its task: the task belongs to the runtime.
    try_join_all(tasks.map(|task| async {
        task.await
            .expect("a job neither panics nor is aborted, so its task ends with its result")
    }))
    .await
}
// ANCHOR_END: spawned

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn secs(n: u64) -> Option<Duration> {
        Some(Duration::from_secs(n))
    }

    fn finish_order(timeline: &Timeline) -> Vec<String> {
        timeline
            .events()
            .into_iter()
            .filter(|e| e.what != "start")
            .map(|e| format!("{} {}", e.lane, e.what))
            .collect()
    }

    #[tokio::test(start_paused = true)]
    async fn results_come_in_argument_order_not_completion_order() {
        let timeline = Timeline::quiet();
        let results = gather_in_order(&timeline).await;
        assert_eq!(
            results,
            [
                Ok("a after 3s".to_string()),
                Ok("b after 1s".to_string()),
                Ok("c after 2s".to_string())
            ]
        );
        assert_eq!(finish_order(&timeline), ["b done", "c done", "a done"]);
        assert_eq!(timeline.end(), Duration::from_secs(3), "3 s, not 1 + 2 + 3");
    }

    #[tokio::test(start_paused = true)]
    async fn join_all_keeps_every_result_like_return_exceptions_true() {
        let timeline = Timeline::quiet();
        let results = gather_return_exceptions(&timeline).await;
        assert_eq!(
            results,
            [
                Ok("a after 3s".to_string()),
                Err(JobFailed { name: "b" }),
                Ok("c after 2s".to_string())
            ]
        );
        assert_eq!(
            timeline.when("a", "done"),
            secs(3),
            "b's error stops nothing"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn join_macro_keeps_every_result_in_a_tuple() {
        let timeline = Timeline::quiet();
        let (a, b, c) = join_macro(&timeline).await;
        assert_eq!(a, Ok("a after 3s".to_string()));
        assert_eq!(b, Err(JobFailed { name: "b" }));
        assert_eq!(c, Ok("c after 2s".to_string()));
        assert_eq!(timeline.end(), Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_all_returns_the_first_error_at_once_and_drops_the_others() {
        let timeline = Timeline::quiet();
        let start = tokio::time::Instant::now();
        let result = gather_first_error(&timeline).await;
        assert_eq!(result, Err(JobFailed { name: "b" }));
        assert_eq!(start.elapsed(), Duration::from_secs(1));
        assert_eq!(timeline.when("a", "dropped"), secs(1));
        assert_eq!(timeline.when("c", "dropped"), secs(1));
        // Time passes, and the dropped jobs stay dropped.
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert_eq!(timeline.when("a", "done"), None, "a was cancelled");
        assert_eq!(timeline.when("c", "done"), None, "c was cancelled");
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_macro_returns_the_first_error_at_once_and_drops_the_others() {
        let timeline = Timeline::quiet();
        let result = try_join_macro(&timeline).await;
        assert_eq!(result, Err(JobFailed { name: "b" }));
        assert_eq!(timeline.end(), Duration::from_secs(1));
        assert_eq!(timeline.when("a", "dropped"), secs(1));
        assert_eq!(timeline.when("c", "dropped"), secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn spawned_jobs_keep_running_after_the_first_error_like_python_gather() {
        let timeline = Timeline::quiet();
        let start = tokio::time::Instant::now();
        let result = gather_spawned(&timeline).await;
        assert_eq!(result, Err(JobFailed { name: "b" }));
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(1),
            "the error comes at once"
        );
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert_eq!(timeline.when("c", "done"), secs(2), "c finished on its own");
        assert_eq!(timeline.when("a", "done"), secs(3), "a finished on its own");
        assert_eq!(timeline.when("a", "dropped"), None);
    }
}
