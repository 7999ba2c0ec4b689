//! `tokio::spawn`: a coroutine scheduled as a task, and the `JoinHandle` that is its
//! future.
//!
//! The notes: "once scheduled, coroutines are wrapped in Tasks which is a type of
//! Future". `asyncio.create_task(coro)` hands the coroutine to the loop, which starts
//! running it at the next `await`; the `Task` it returns is awaited for the result.
//! `tokio::spawn(future)` does the same: the runtime owns the future from then on and
//! polls it whether or not anyone waits; the [`JoinHandle`] it returns is itself a
//! future whose output is the task's result (wrapped in a `Result`, see
//! [`task_panic`](crate::task_panic)).
//!
//! [`JoinHandle`]: tokio::task::JoinHandle

use std::time::Duration;

use course_kit::Timeline;
use tokio::time::sleep;

// ANCHOR: say_after
/// The notes' `say_after`: wait `delay`, then say `what` on the timeline.
pub async fn say_after(timeline: Timeline, delay: Duration, what: &'static str) -> &'static str {
    sleep(delay).await;
    timeline.say("say_after", what);
    what
}
// ANCHOR_END: say_after

// ANCHOR: two_tasks
/// The notes' `main`, with both calls scheduled as tasks before either is awaited:
/// the two sleeps overlap, so it finishes after 2 seconds, not 1 + 2.
pub async fn hello_world_as_tasks(timeline: &Timeline) -> anyhow::Result<String> {
    timeline.say("main", "started");
    // Each `spawn` hands the future to the runtime and returns at once. Both tasks
    // are running from here on; `main` holds only their handles.
    let task1 = tokio::spawn(say_after(timeline.clone(), Duration::from_secs(1), "hello"));
    let task2 = tokio::spawn(say_after(timeline.clone(), Duration::from_secs(2), "world"));
    timeline.say("main", "both tasks spawned");

    // A JoinHandle is a future: `.await` it for the task's result. The `?` is for
    // the JoinError a panicking or aborted task leaves instead of a value.
    let hello = task1.await?;
    let world = task2.await?;
    timeline.say("main", "finished");
    Ok(format!("{hello} {world}"))
}
// ANCHOR_END: two_tasks

// ANCHOR: detached
/// Spawn a task and drop its handle at once. The task is *detached*, not cancelled:
/// it keeps running and still says its word. Returns the time it did.
pub async fn dropped_handle_keeps_running(timeline: &Timeline) -> Duration {
    drop(tokio::spawn(say_after(
        timeline.clone(),
        Duration::from_secs(1),
        "detached",
    )));
    timeline.say("main", "dropped the handle");
    // Nobody awaits the task, so we wait long enough to watch it finish on its own.
    sleep(Duration::from_secs(2)).await;
    timeline
        .when("say_after", "detached")
        .unwrap_or(Duration::MAX)
}
// ANCHOR_END: detached

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn two_spawned_tasks_overlap_so_hello_world_takes_two_seconds_not_three() {
        let timeline = Timeline::quiet();
        let said = hello_world_as_tasks(&timeline).await.unwrap();
        assert_eq!(said, "hello world");
        assert_eq!(
            timeline.when("say_after", "hello"),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            timeline.when("main", "finished"),
            Some(Duration::from_secs(2)),
            "the 1s and 2s sleeps run at the same time"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn spawn_returns_before_the_task_has_done_anything() {
        let timeline = Timeline::quiet();
        hello_world_as_tasks(&timeline).await.unwrap();
        assert_eq!(
            timeline.when("main", "both tasks spawned"),
            Some(Duration::ZERO)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_join_handle_is_a_future_that_join_and_timeout_accept() {
        let timeline = Timeline::quiet();
        let slow = tokio::spawn(say_after(timeline.clone(), Duration::from_secs(5), "slow"));
        // Like asyncio.wait_for(task, 1): the handle is just another future. Giving
        // up on it drops the handle, which detaches the task (see below).
        let gave_up = tokio::time::timeout(Duration::from_secs(1), slow).await;
        assert!(gave_up.is_err());

        let (a, b) = tokio::join!(
            tokio::spawn(say_after(timeline.clone(), Duration::from_secs(1), "a")),
            tokio::spawn(say_after(timeline.clone(), Duration::from_secs(1), "b")),
        );
        assert_eq!((a.unwrap(), b.unwrap()), ("a", "b"));
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_a_join_handle_detaches_the_task_instead_of_cancelling_it() {
        let timeline = Timeline::quiet();
        assert_eq!(
            dropped_handle_keeps_running(&timeline).await,
            Duration::from_secs(1),
            "the task ran to the end with no handle left"
        );
    }
}
