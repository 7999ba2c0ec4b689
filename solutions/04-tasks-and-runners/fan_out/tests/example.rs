//! The check of the example the book shows beside the exercise (its `example.rs`,
//! under "What you need"). It lives here, beside the solution, because a test of it
//! in the exercise crate would pass before the exercise is solved.

#[path = "../../../../exercises/04-tasks-and-runners/fan_out/src/example.rs"]
mod example;

use std::time::Duration;

use course_kit::watchdog;

use example::two_at_a_time;

#[test]
fn five_one_second_tasks_two_at_a_time_take_three_seconds() {
    let took = watchdog::paused(watchdog::LIMIT, "the example hung", || async {
        let start = tokio::time::Instant::now();
        two_at_a_time().await;
        start.elapsed()
    });
    assert_eq!(took, Duration::from_secs(3), "two, two, then one: 3 s");
}
