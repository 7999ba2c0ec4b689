//! The tests of the `countdown` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Every test takes a bounded number of values, so a countdown that never ends fails
//! with what it yielded instead of hanging.

use course_kit::watchdog;

use crate::countdown::{Countdown, countdown};

/// Run `body` on `countdown(start)` under the watchdog: a panic in your code (an
/// overflow, `n - 1` below zero) then comes with what the test was doing.
#[track_caller]
fn with_countdown<T: Send + 'static>(
    start: u32,
    body: impl FnOnce(Countdown) -> T + Send + 'static,
) -> T {
    watchdog::within(
        watchdog::LIMIT,
        "the test was resuming your countdown. \"attempt to subtract with overflow\" \
         means n - 1 was computed with n = 0: the loop's test `while n > 0` comes before \
         the body, so the body never sees 0.",
        move || body(countdown(start)),
    )
}

/// At most 10 values of `countdown(start)`.
#[track_caller]
fn first_values(start: u32) -> Vec<String> {
    with_countdown(start, |steps| steps.take(10).collect())
}

#[test]
fn counts_down_from_three_between_ready_and_liftoff() {
    let got = first_values(3);
    let why = if got.iter().any(|value| value == "0") {
        ": the loop yields n while n > 0, so 0 is never yielded (test n before \
         yielding it, not after the n -= 1)"
    } else if got.len() == 10 {
        ": it never ended; after \"liftoff!\" the body returns, and next() gives None"
    } else {
        ""
    };
    assert_eq!(
        got,
        ["ready", "3", "2", "1", "liftoff!"],
        "expected Python's list(countdown(3)){why}"
    );
}

#[test]
fn from_zero_the_loop_body_never_runs() {
    assert_eq!(
        first_values(0),
        ["ready", "liftoff!"],
        "`while n > 0` is false at once when start is 0: straight from \"ready\" to \
         \"liftoff!\""
    );
}

#[test]
fn stays_finished_after_returning_none() {
    let after: Vec<Option<String>> = with_countdown(1, |mut steps| {
        steps.by_ref().take(10).for_each(drop);
        (0..3).map(|_| steps.next()).collect()
    });
    assert_eq!(
        after,
        [None, None, None],
        "after \"liftoff!\" the body has returned; a returned generator stays finished \
         (it does not start again at \"ready\")"
    );
}

#[test]
fn computes_each_value_only_when_asked() {
    let first = with_countdown(u32::MAX, |steps| steps.take(3).collect::<Vec<_>>());
    assert_eq!(
        first,
        ["ready", "4294967295", "4294967294"],
        "one value per `next`, starting from u32::MAX"
    );
}

#[test]
fn a_fresh_countdown_has_run_nothing_and_a_clone_resumes_where_it_stopped() {
    let (fresh, first, resumed, clone_resumed) = with_countdown(2, |mut steps| {
        let fresh = steps == Countdown::NotStarted { start: 2 };
        let first = steps.next();
        let mut copy = steps.clone();
        (fresh, first, steps.next(), copy.next())
    });
    assert!(
        fresh,
        "countdown(2) must be NotStarted {{ start: 2 }}: calling runs nothing"
    );
    assert_eq!(first.as_deref(), Some("ready"));
    assert_eq!(
        (resumed.as_deref(), clone_resumed.as_deref()),
        (Some("2"), Some("2")),
        "the enum *is* the suspended generator: a copy of it resumes from the same \
         place, with the same locals"
    );
}
