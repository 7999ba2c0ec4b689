//! Laziness: calling an `async fn` runs none of its body.
//!
//! In Python, `traced()` on an `async def` builds a coroutine object and runs
//! nothing either; but `asyncio.create_task(traced())` schedules it, and it starts at
//! the event loop's next turn whether or not anyone ever awaits the task.
//!
//! Rust splits the same two steps the same way, with one difference that matters:
//! a future is *only* a value. Nothing polls it unless its owner does: by `.await`,
//! by `join!`, or by handing it to `tokio::spawn`, which is Rust's `create_task`. A
//! future that is dropped instead was never started, and never will be; the
//! compiler warns about one that is created and thrown away (`unused_must_use`).

use std::time::Duration;

use course_kit::Timeline;
use tokio::time::sleep;

// ANCHOR: traced
/// An `async fn` whose every line leaves a trace on `lane`, so that we can see
/// which lines ran.
pub async fn traced(timeline: Timeline, lane: &'static str) {
    timeline.say(lane, "line 1 runs");
    sleep(Duration::from_secs(1)).await;
    timeline.say(lane, "line 2 runs");
}

/// How many lines of `traced` have run on `lane`.
pub fn lines_run(timeline: &Timeline, lane: &str) -> usize {
    timeline
        .events()
        .iter()
        .filter(|event| event.lane == lane && event.what.starts_with("line"))
        .count()
}
// ANCHOR_END: traced

// ANCHOR: lazy
/// Call `traced`, wait a second, and only then await it: the body runs when
/// awaited, not when called.
pub async fn called_then_awaited(timeline: Timeline) {
    let future = traced(timeline.clone(), "future");
    timeline.say("main", "called traced(), kept the future, did not await it");
    sleep(Duration::from_secs(1)).await;
    let ran = lines_run(&timeline, "future");
    timeline.say(
        "main",
        format!("1s later: {ran} lines of it have run; .await"),
    );
    future.await;
}
// ANCHOR_END: lazy

// ANCHOR: spawned
/// `tokio::spawn` is `create_task`: the task runs while `main` sleeps, and the
/// `JoinHandle` is awaited only at the end, to collect it.
pub async fn spawned_runs_unawaited(timeline: Timeline) -> Result<(), tokio::task::JoinError> {
    let task = tokio::spawn(traced(timeline.clone(), "task"));
    timeline.say("main", "spawned traced(), did not await the handle");
    sleep(Duration::from_secs(2)).await;
    let ran = lines_run(&timeline, "task");
    timeline.say("main", format!("2s later: {ran} lines of it have run"));
    task.await
}
// ANCHOR_END: spawned

// ANCHOR: dropped
/// A future dropped before it is polled never runs a line: there is no
/// "coroutine was never awaited" at run time, because nothing was ever started.
pub async fn dropped_never_runs(timeline: Timeline) {
    let future = traced(timeline.clone(), "dropped");
    drop(future);
    timeline.say("main", "called traced(), dropped the future");
    sleep(Duration::from_secs(1)).await;
    let ran = lines_run(&timeline, "dropped");
    timeline.say("main", format!("1s later: {ran} lines of it have run"));
}
// ANCHOR_END: dropped

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn an_async_fn_runs_no_line_until_awaited() {
        let timeline = Timeline::quiet();
        called_then_awaited(timeline.clone()).await;
        assert_eq!(
            timeline.when("future", "line 1 runs"),
            Some(Duration::from_secs(1)),
            "line 1 runs when the future is awaited at 1 s, not when it is called at 0 s"
        );
        assert_eq!(
            timeline.when("future", "line 2 runs"),
            Some(Duration::from_secs(2))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_future_that_is_only_called_has_run_nothing() {
        let timeline = Timeline::quiet();
        let future = traced(timeline.clone(), "future");
        tokio::task::yield_now().await;
        sleep(Duration::from_secs(5)).await;
        assert_eq!(lines_run(&timeline, "future"), 0);
        future.await;
        assert_eq!(lines_run(&timeline, "future"), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_spawned_task_starts_without_being_awaited() {
        let timeline = Timeline::quiet();
        spawned_runs_unawaited(timeline.clone()).await.unwrap();
        assert_eq!(
            timeline.when("task", "line 1 runs"),
            Some(Duration::ZERO),
            "the task starts as soon as main yields, like create_task"
        );
        assert_eq!(
            timeline.when("task", "line 2 runs"),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            timeline.when("main", "2s later: 2 lines of it have run"),
            Some(Duration::from_secs(2))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_a_future_means_it_never_runs() {
        let timeline = Timeline::quiet();
        dropped_never_runs(timeline.clone()).await;
        assert_eq!(lines_run(&timeline, "dropped"), 0);
    }
}
