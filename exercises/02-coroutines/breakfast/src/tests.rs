//! The tests of the `breakfast` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::time::Duration;

use course_kit::{Timeline, watchdog};

use crate::breakfast::breakfast;

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

fn secs(n: u64) -> Option<Duration> {
    Some(Duration::from_secs(n))
}

/// Make breakfast on the paused clock and return what happened when.
#[track_caller]
fn made() -> Timeline {
    watchdog::paused(
        LIMIT,
        "breakfast never finished: does every step get awaited (join! awaits what it \
         is given; a future nobody awaits never runs)?",
        || async {
            let timeline = Timeline::quiet();
            breakfast(&timeline).await;
            timeline
        },
    )
}

#[test]
fn is_ready_in_four_seconds() {
    let took = made().end();
    assert_eq!(
        took,
        Duration::from_secs(4),
        "expected 4 s, got {took:?}: tea takes 3 + 1 s, toast 2 + 1 s, side by side \
         that is max(4, 3) = 4 s. 7 s means every step was awaited in turn; 3 s means \
         something started the tea before the kettle boiled, or stopped waiting early"
    );
}

#[test]
fn the_kettle_and_the_toaster_start_together() {
    let timeline = made();
    let starts = (
        timeline.when("tea", "boil the kettle..."),
        timeline.when("toast", "toast the bread..."),
    );
    assert_eq!(
        starts,
        (secs(0), secs(0)),
        "expected both to start at 0 s: the toaster does not wait for the kettle"
    );
}

#[test]
fn the_tea_is_brewed_only_once_the_kettle_has_boiled() {
    let timeline = made();
    let brew = (
        timeline.when("tea", "brew the tea..."),
        timeline.when("tea", "brew the tea: done"),
    );
    assert_eq!(
        brew,
        (secs(3), secs(4)),
        "expected brewing from 3 s to 4 s, when the kettle is done. Brewing at 0 s \
         means all four steps were joined at once: the pair must stay in order, one \
         async block that awaits the kettle, then the tea"
    );
}

#[test]
fn the_toast_is_buttered_only_once_it_is_toasted() {
    let timeline = made();
    let butter = (
        timeline.when("toast", "butter the toast..."),
        timeline.when("toast", "butter the toast: done"),
    );
    assert_eq!(
        butter,
        (secs(2), secs(3)),
        "expected buttering from 2 s to 3 s, after the 2 s of toasting"
    );
}

#[test]
fn both_pairs_finish_even_though_the_toast_is_done_first() {
    let timeline = made();
    let ends = (
        timeline.when("toast", "butter the toast: done"),
        timeline.when("tea", "brew the tea: done"),
    );
    assert_eq!(
        ends,
        (secs(3), secs(4)),
        "expected the toast done at 3 s and the tea at 4 s. A missing tea means \
         breakfast returned when the first pair finished (select! or a race) and \
         dropped the other: join! waits for both, like asyncio.gather"
    );
}
