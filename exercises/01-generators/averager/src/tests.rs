//! The tests of the `averager` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use course_kit::watchdog;

use crate::averager::{Averager, GeneratorState::*, Summary, averager};

/// Run `body` on a fresh averager under the watchdog: a panic in your code (a
/// division by zero, an `unreachable!`) then comes with what the test was doing.
#[track_caller]
fn with_averager<T: Send + 'static>(body: impl FnOnce(Averager) -> T + Send + 'static) -> T {
    watchdog::within(
        watchdog::LIMIT,
        "the test was resuming your averager as Python's gen.send(...) would: first \
         send(None) to start it, then values, then None to make it return.",
        move || body(averager()),
    )
}

#[test]
fn the_first_resume_starts_the_body_and_yields_no_average_yet() {
    let first = with_averager(|mut running| running.resume(None));
    assert_eq!(
        first,
        Yielded(None),
        "the first resume runs to the first `yield average`, with no average yet. \
         Complete(..) here means None was taken as \"stop\" before the body started: \
         the first resume only primes the generator"
    );
}

#[test]
fn each_value_sent_updates_the_average_of_all_values_so_far() {
    let got = with_averager(|mut running| {
        running.resume(None);
        [1.0, 2.0, 3.0, 10.0]
            .into_iter()
            .map(|value| running.resume(Some(value)))
            .collect::<Vec<_>>()
    });
    assert_eq!(
        got,
        [
            Yielded(Some(1.0)),
            Yielded(Some(1.5)),
            Yielded(Some(2.0)),
            Yielded(Some(4.0))
        ],
        "the average of every value sent so far (total / count), not of the last few"
    );
}

#[test]
fn sending_none_returns_the_count_and_average_and_it_stays_returned() {
    let (returned, later) = with_averager(|mut running| {
        running.resume(None);
        running.resume(Some(3.0));
        running.resume(Some(5.0));
        let returned = running.resume(None);
        let later = [running.resume(Some(100.0)), running.resume(None)];
        (returned, later)
    });
    let summary = Summary {
        count: 2,
        average: Some(4.0),
    };
    assert_eq!(
        returned,
        Complete(summary),
        "None ends the loop: return (count, average)"
    );
    assert_eq!(
        later,
        [Complete(summary), Complete(summary)],
        "a generator that has returned stays returned: it does not start again, and \
         a value sent now is not counted"
    );
}

#[test]
fn a_value_sent_to_start_it_is_not_counted() {
    let got = with_averager(|mut running| {
        let first = running.resume(Some(100.0));
        (first, running.resume(Some(2.0)))
    });
    assert_eq!(
        got,
        (Yielded(None), Yielded(Some(2.0))),
        "the first resume only runs to the first `yield`; there is no `value = yield` \
         to receive 100 yet (Python raises TypeError for it), so the average of what \
         follows must not include it"
    );
}

#[test]
fn closing_before_any_value_returns_an_empty_summary() {
    let got = with_averager(|mut running| {
        running.resume(None);
        running.resume(None)
    });
    assert_eq!(
        got,
        Complete(Summary {
            count: 0,
            average: None
        }),
        "no values, so no average (not 0/0 = NaN)"
    );
}
