//! `say_after`: the notes' first coroutine, awaited in turn and then concurrently.
//!
//! The notes' `main` awaits `say_after(1, 'hello')` and then `say_after(2, 'world')`
//! and prints the clock before and after: 3 seconds apart, because each `await`
//! waits for its coroutine to finish before the next line runs. Python's fix is to
//! wrap both in tasks (`asyncio.create_task`) or hand both to `asyncio.gather`, and
//! the whole thing takes 2 seconds.
//!
//! Rust has the same three shapes: `.await` in turn ([`sequential`], 3 s),
//! `tokio::join!` ([`joined`], 2 s, like `gather`), and two `tokio::spawn`ed tasks
//! ([`spawned`], 2 s, like `create_task`). Each run records what happened on a
//! [`Timeline`]: one lane per coroutine, so the chart shows the overlap, or its
//! absence.

use std::time::Duration;

use course_kit::Timeline;
use tokio::task::JoinError;
use tokio::time::sleep;

// ANCHOR: say_after
/// Wait `delay`, then say `what`: the notes' `say_after`, with the `print(what)`
/// they lost put back. Each call is a lane of the timeline, named after `what`.
pub async fn say_after(timeline: Timeline, delay: Duration, what: &'static str) {
    timeline.say(what, format!("sleeping {delay:?}"));
    sleep(delay).await;
    timeline.say(what, what);
}
// ANCHOR_END: say_after

// ANCHOR: sequential
/// The notes' `main`: each `.await` waits for its coroutine to finish before the
/// next line runs, so the two sleeps add up: 1 s + 2 s = 3 s.
pub async fn sequential(timeline: Timeline) {
    timeline.say("main", "started");
    say_after(timeline.clone(), Duration::from_secs(1), "hello").await;
    say_after(timeline.clone(), Duration::from_secs(2), "world").await;
    timeline.say("main", "finished");
}
// ANCHOR_END: sequential

// ANCHOR: joined
/// `asyncio.gather(say_after(1, 'hello'), say_after(2, 'world'))`: `join!` polls
/// both futures inside this one task, so their sleeps overlap: max(1 s, 2 s) = 2 s.
pub async fn joined(timeline: Timeline) {
    timeline.say("main", "started");
    tokio::join!(
        say_after(timeline.clone(), Duration::from_secs(1), "hello"),
        say_after(timeline.clone(), Duration::from_secs(2), "world"),
    );
    timeline.say("main", "finished");
}
// ANCHOR_END: joined

// ANCHOR: spawned
/// `asyncio.create_task` twice: each future becomes a task the runtime runs on its
/// own, whether or not anyone awaits it. Awaiting the `JoinHandle`s only waits for
/// them to end, and says whether they panicked (the `JoinError`).
pub async fn spawned(timeline: Timeline) -> Result<(), JoinError> {
    timeline.say("main", "started");
    let hello = tokio::spawn(say_after(timeline.clone(), Duration::from_secs(1), "hello"));
    let world = tokio::spawn(say_after(timeline.clone(), Duration::from_secs(2), "world"));
    hello.await?;
    world.await?;
    timeline.say("main", "finished");
    Ok(())
}
// ANCHOR_END: spawned

/// The chart of a run at ten columns a second, so that charts of runs of different
/// lengths share one scale and can be compared by eye.
pub fn chart(timeline: &Timeline) -> String {
    let columns = (timeline.end().as_secs_f64() * 10.0).round() as usize;
    timeline.chart(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: u64) -> Option<Duration> {
        Some(Duration::from_secs(n))
    }

    #[tokio::test(start_paused = true)]
    async fn sequential_awaits_add_up_to_three_seconds() {
        let timeline = Timeline::quiet();
        sequential(timeline.clone()).await;
        assert_eq!(timeline.when("main", "started"), secs(0));
        assert_eq!(timeline.when("hello", "hello"), secs(1));
        assert_eq!(
            timeline.when("world", "sleeping 2s"),
            secs(1),
            "world's sleep starts only once hello is done"
        );
        assert_eq!(timeline.when("world", "world"), secs(3));
        assert_eq!(timeline.when("main", "finished"), secs(3), "1 s + 2 s");
    }

    #[tokio::test(start_paused = true)]
    async fn join_runs_both_in_two_seconds() {
        let timeline = Timeline::quiet();
        joined(timeline.clone()).await;
        assert_eq!(timeline.when("world", "sleeping 2s"), secs(0));
        assert_eq!(timeline.when("hello", "hello"), secs(1));
        assert_eq!(timeline.when("world", "world"), secs(2));
        assert_eq!(timeline.when("main", "finished"), secs(2), "max(1 s, 2 s)");
    }

    #[tokio::test(start_paused = true)]
    async fn spawned_tasks_finish_in_two_seconds() {
        let timeline = Timeline::quiet();
        spawned(timeline.clone()).await.unwrap();
        assert_eq!(timeline.when("hello", "hello"), secs(1));
        assert_eq!(timeline.when("world", "world"), secs(2));
        assert_eq!(timeline.when("main", "finished"), secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn the_sequential_chart_has_no_overlap() {
        let timeline = Timeline::quiet();
        sequential(timeline.clone()).await;
        let chart = chart(&timeline);
        let rows: Vec<&str> = chart.lines().collect();
        assert_eq!(rows[0].trim(), "0s        1s        2s        3s");
        assert_eq!(rows[1], "main   [=============================]");
        assert_eq!(rows[2], "hello  [=========]");
        assert_eq!(
            rows[3], "world            [===================]",
            "world starts where hello ends"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_joined_chart_shows_both_bars_starting_at_zero() {
        let timeline = Timeline::quiet();
        joined(timeline.clone()).await;
        let chart = chart(&timeline);
        let rows: Vec<&str> = chart.lines().collect();
        assert_eq!(rows[0].trim(), "0s        1s        2s");
        assert_eq!(rows[1], "main   [===================]");
        assert_eq!(rows[2], "hello  [=========]");
        assert_eq!(rows[3], "world  [===================]", "overlap");
    }
}
