//! The check of the example the book shows beside the exercise (its `example.rs`,
//! under "What you need"). It lives here, beside the solution, because a test of it
//! in the exercise crate would pass before the exercise is solved.

#[path = "../../../../exercises/03-futures/first_ok/src/example.rs"]
mod example;

use std::time::Duration;

use course_kit::watchdog;
use tokio::time::sleep;

use example::in_finishing_order;

#[test]
fn outputs_come_in_finishing_order_with_their_places() {
    let outputs = watchdog::paused(watchdog::LIMIT, "the example hung", || async {
        let after = |secs, name| async move {
            sleep(Duration::from_secs(secs)).await;
            name
        };
        in_finishing_order(vec![after(3, "a"), after(1, "b"), after(2, "c")]).await
    });
    assert_eq!(outputs, [(1, "b"), (2, "c"), (0, "a")]);
}
