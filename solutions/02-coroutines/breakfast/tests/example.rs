//! The check of the example the book shows beside the exercise (its `example.rs`,
//! under "What you need"). It lives here, beside the solution, because a test of it
//! in the exercise crate would pass before the exercise is solved.

#[path = "../../../../exercises/02-coroutines/breakfast/src/example.rs"]
mod example;

use std::time::Duration;

use course_kit::{Timeline, watchdog};

use example::laundry_while_baking;

#[test]
fn the_laundry_chain_and_the_baking_overlap_in_three_seconds() {
    let (timeline, took) = watchdog::paused(watchdog::LIMIT, "the example hung", || async {
        let (timeline, start) = (Timeline::quiet(), tokio::time::Instant::now());
        laundry_while_baking(&timeline).await;
        (timeline, start.elapsed())
    });
    let secs = |n| Some(Duration::from_secs(n));
    assert_eq!(
        (
            timeline.when("laundry", "wash"),
            timeline.when("laundry", "dry"),
            timeline.when("oven", "bake"),
            took,
        ),
        (secs(0), secs(2), secs(0), Duration::from_secs(3)),
        "washing and baking start at 0 s, drying once the washing is done, 3 s in all"
    );
}
