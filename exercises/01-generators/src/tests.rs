//! The tests of the chapter 1 exercises. The solutions crate runs this same file, so
//! what passes there is exactly what you are asked for here.

use std::time::Duration;

use course_kit::watchdog;

/// Long enough for any honest answer; an iterator that never ends is stopped here.
const LIMIT: Duration = watchdog::LIMIT;

mod fibonacci {
    use super::*;
    use crate::fibonacci::fibonacci;

    #[test]
    fn starts_zero_one_one_two_three() {
        let first: Vec<u64> = fibonacci().take(10).collect();
        assert_eq!(
            first,
            [0, 1, 1, 2, 3, 5, 8, 13, 21, 34],
            "each number is the sum of the two before it"
        );
    }

    #[test]
    fn yields_the_94_numbers_that_fit_in_a_u64_then_stops() {
        let all: Vec<u64> = watchdog::within(
            LIMIT,
            "Your Fibonacci never returned None. When the next number would overflow \
             (`checked_add` returns None), `next` must return None.",
            || fibonacci().collect(),
        );
        assert_eq!(all.len(), 94, "F(0) to F(93) fit in a u64; F(94) does not");
        assert_eq!(all.last(), Some(&12_200_160_415_121_876_738));
    }

    #[test]
    fn stays_finished_after_returning_none() {
        let after: Vec<Option<u64>> = watchdog::within(
            LIMIT,
            "Your Fibonacci never returned None, so there is no `after the end` to test.",
            || {
                let mut numbers = fibonacci();
                numbers.by_ref().for_each(drop);
                (0..3).map(|_| numbers.next()).collect()
            },
        );
        assert_eq!(
            after,
            [None, None, None],
            "like StopIteration: once finished, always finished"
        );
    }
}

mod countdown {
    use super::*;
    use crate::countdown::countdown;

    fn all(start: u32) -> Vec<String> {
        watchdog::within(
            LIMIT,
            "Your countdown never returned None: after \"liftoff!\" the body has returned.",
            move || countdown(start).collect(),
        )
    }

    #[test]
    fn counts_down_from_three_between_ready_and_liftoff() {
        assert_eq!(all(3), ["ready", "3", "2", "1", "liftoff!"]);
    }

    #[test]
    fn from_zero_the_loop_body_never_runs() {
        assert_eq!(
            all(0),
            ["ready", "liftoff!"],
            "`while n > 0` is false at once when start is 0"
        );
    }

    #[test]
    fn stays_finished_after_returning_none() {
        let after: Vec<Option<String>> =
            watchdog::within(LIMIT, "Your countdown never returned None.", || {
                let mut steps = countdown(1);
                steps.by_ref().for_each(drop);
                (0..3).map(|_| steps.next()).collect()
            });
        assert_eq!(after, [None, None, None]);
    }

    #[test]
    fn computes_each_value_only_when_asked() {
        let first = watchdog::within(
            LIMIT,
            "Taking 3 values of countdown(u32::MAX) should be instant. Did you build the \
             whole list up front? A generator computes one value per `next`.",
            || countdown(u32::MAX).take(3).collect::<Vec<_>>(),
        );
        assert_eq!(first, ["ready", "4294967295", "4294967294"]);
    }
}

mod averager {
    use crate::averager::{GeneratorState::*, Summary, averager};

    #[test]
    fn the_first_resume_yields_no_average_yet() {
        let mut running = averager();
        assert_eq!(
            running.resume(None),
            Yielded(None),
            "nothing has been sent, so there is no average"
        );
    }

    #[test]
    fn each_value_sent_updates_the_average() {
        let mut running = averager();
        running.resume(None);
        assert_eq!(running.resume(Some(10.0)), Yielded(Some(10.0)));
        assert_eq!(running.resume(Some(20.0)), Yielded(Some(15.0)));
        assert_eq!(running.resume(Some(0.0)), Yielded(Some(10.0)));
    }

    #[test]
    fn sending_none_returns_the_count_and_average() {
        let mut running = averager();
        running.resume(None);
        running.resume(Some(3.0));
        running.resume(Some(5.0));
        assert_eq!(
            running.resume(None),
            Complete(Summary {
                count: 2,
                average: Some(4.0)
            })
        );
        assert_eq!(
            running.resume(Some(100.0)),
            Complete(Summary {
                count: 2,
                average: Some(4.0)
            }),
            "a generator that has returned stays returned"
        );
    }

    #[test]
    fn closing_before_any_value_returns_an_empty_summary() {
        let mut running = averager();
        running.resume(None);
        assert_eq!(
            running.resume(None),
            Complete(Summary {
                count: 0,
                average: None
            })
        );
    }
}
