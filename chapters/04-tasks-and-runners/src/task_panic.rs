//! A panic inside a task: caught by the runtime, handed back as a `JoinError`.
//!
//! In Python an exception raised inside a task is stored in the task and raised again
//! where the task is awaited. Rust has two kinds of failure: an error is a value the
//! task returns (`Result`), and comes back through the handle like any value; a panic
//! unwinds the task, and the runtime catches it at the task's edge. The other tasks
//! and the runtime keep going, and awaiting the panicked task's handle gives a
//! `JoinError` whose `is_panic()` is true, carrying the panic's payload.

use std::time::Duration;

use course_kit::Timeline;
use tokio::task::JoinError;
use tokio::time::sleep;

// ANCHOR: jobs
/// A job that panics after a second, as a bug in a task would.
pub async fn buggy_job(timeline: Timeline) -> u32 {
    sleep(Duration::from_secs(1)).await;
    timeline.say("buggy", "about to panic");
    let sizes: Vec<u32> = Vec::new();
    // Indexing an empty Vec: the kind of bug that panics.
    sizes[0]
}

/// A job that finishes after two seconds.
pub async fn steady_job(timeline: Timeline) -> u32 {
    sleep(Duration::from_secs(2)).await;
    timeline.say("steady", "done");
    42
}
// ANCHOR_END: jobs

// ANCHOR: panic_message
/// What went wrong in a task, as text: the panic's message for a panic (its payload
/// is a `&str` or a `String`, whichever `panic!` was given), else the error's own.
pub fn failure_text(error: JoinError) -> String {
    if !error.is_panic() {
        return error.to_string();
    }
    let payload = error.into_panic();
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a payload that is not text".to_string()
    }
}
// ANCHOR_END: panic_message

// ANCHOR: both
/// Spawn both jobs and await each handle: the panic comes back as an `Err`, and the
/// steady job finishes as if nothing happened.
pub async fn one_panics_one_finishes(
    timeline: &Timeline,
) -> (Result<u32, String>, Result<u32, String>) {
    let buggy = tokio::spawn(buggy_job(timeline.clone()));
    let steady = tokio::spawn(steady_job(timeline.clone()));
    let buggy = buggy.await.map_err(failure_text);
    timeline.say("main", format!("buggy task: {buggy:?}"));
    let steady = steady.await.map_err(failure_text);
    timeline.say("main", format!("steady task: {steady:?}"));
    (buggy, steady)
}
// ANCHOR_END: both

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_panic_in_a_task_comes_back_as_a_join_error_with_its_message() {
        let timeline = Timeline::quiet();
        let (buggy, _) = one_panics_one_finishes(&timeline).await;
        let message = buggy.unwrap_err();
        assert!(
            message.contains("index out of bounds"),
            "the panic's own message: {message}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_panicking_task_does_not_stop_the_other_tasks() {
        let timeline = Timeline::quiet();
        let (_, steady) = one_panics_one_finishes(&timeline).await;
        assert_eq!(steady, Ok(42));
        assert_eq!(
            timeline.when("steady", "done"),
            Some(Duration::from_secs(2))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_join_error_of_a_panic_says_it_is_a_panic_not_a_cancellation() {
        let error = tokio::spawn(async { panic!("on purpose") })
            .await
            .unwrap_err();
        assert!(error.is_panic() && !error.is_cancelled());
        assert_eq!(failure_text(error), "on purpose");
    }
}
