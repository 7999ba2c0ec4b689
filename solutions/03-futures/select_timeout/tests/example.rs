//! The check of the example the book shows beside the exercise (its `example.rs`,
//! under "What you need"). It lives here, beside the solution, because a test of it
//! in the exercise crate would pass before the exercise is solved.

#[path = "../../../../exercises/03-futures/select_timeout/src/example.rs"]
mod example;

use course_kit::watchdog;

use example::first_written_wins;

#[test]
fn with_biased_the_first_ready_branch_wins_every_time() {
    let winners = watchdog::paused(watchdog::LIMIT, "the example hung", || async {
        let mut winners = Vec::new();
        for _ in 0..50 {
            winners.push(first_written_wins().await);
        }
        winners
    });
    assert_eq!(winners, ["first"; 50]);
}
