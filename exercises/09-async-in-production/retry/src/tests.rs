//! The tests of the `retry` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::Instant;

use crate::retry::{call_times, retry};

const MS: Duration = Duration::from_millis(1);
const FIRST_DELAY: Duration = Duration::from_millis(100);

const HANG: &str = "retry never returned. Does the loop stop after `attempts` tries, \
                    and return at once on the first success?";

/// What one run of `retry` did: its result, when each call to `op` came (on tokio's
/// clock), and when `retry` returned.
struct Run {
    result: Result<u32, String>,
    calls: Vec<Duration>,
    took: Duration,
}

/// Retry an operation that fails `failures` times and then succeeds, with at most
/// `attempts` tries. The n-th call fails with "failure n", or succeeds with n.
fn run(failures: u32, attempts: u32) -> Run {
    watchdog::paused(watchdog::LIMIT, HANG, move || async move {
        let start = Instant::now();
        let calls = Rc::new(RefCell::new(Vec::new()));
        let seen = Rc::clone(&calls);
        let op = move || {
            seen.borrow_mut().push(start.elapsed());
            let n = u32::try_from(seen.borrow().len()).unwrap_or(u32::MAX);
            async move {
                if n <= failures {
                    Err(format!("failure {n}"))
                } else {
                    Ok(n)
                }
            }
        };
        let result = retry(op, attempts, FIRST_DELAY).await;
        let took = start.elapsed();
        let calls = calls.borrow().clone();
        Run {
            result,
            calls,
            took,
        }
    })
}

fn ms(list: &[u64]) -> Vec<Duration> {
    list.iter().map(|&m| Duration::from_millis(m)).collect()
}

/// Say what the call times mean, when they are not the expected ones.
fn explain(calls: &[Duration], expected: &[Duration]) -> String {
    let mut why = format!("calls to op at {calls:?}, expected at {expected:?}.\n");
    if calls.len() > 1 && calls.iter().all(|t| *t == Duration::ZERO) {
        why += "Every retry came at 0 ms on tokio's clock: the waits did not go through \
                tokio. `std::thread::sleep` blocks the runtime's thread (like `time.sleep` \
                in asyncio) and the paused clock never sees it; use \
                `tokio::time::sleep(delay).await`.";
    } else if calls.len() > 2 && calls[2] - calls[1] == calls[1] - calls[0] {
        why += "The waits are all the same length: the delay should double after each \
                failure (100 ms, then 200, then 400).";
    }
    why
}

#[test]
fn a_first_try_that_succeeds_waits_for_nothing() {
    let ran = run(0, 5);
    assert_eq!(
        ran.result,
        Ok(1),
        "the first call succeeded; return its value"
    );
    assert_eq!(ran.calls, ms(&[0]), "{}", explain(&ran.calls, &ms(&[0])));
    assert_eq!(ran.took, Duration::ZERO, "no failure, so no wait");
}

#[test]
fn the_waits_double_from_100_to_200_ms() {
    let ran = run(2, 5);
    let expected = ms(&[0, 100, 300]);
    assert_eq!(ran.calls, expected, "{}", explain(&ran.calls, &expected));
    assert_eq!(ran.result, Ok(3), "the third call succeeded");
}

#[test]
fn after_the_last_failure_the_error_comes_back_at_once() {
    let ran = run(10, 4);
    let expected = ms(&[0, 100, 300, 700]);
    assert_eq!(ran.calls, expected, "{}", explain(&ran.calls, &expected));
    assert_eq!(
        ran.took,
        700 * MS,
        "4 tries wait 100 + 200 + 400 ms; a wait after the last try (800 ms more) \
         only delays the bad news: check whether a try is left before sleeping"
    );
}

#[test]
fn the_error_returned_is_the_last_one() {
    let ran = run(10, 3);
    assert_eq!(
        ran.result,
        Err("failure 3".to_string()),
        "like a bare `raise` in the except block, give back the last try's error"
    );
}

#[test]
fn zero_attempts_still_tries_once() {
    let ran = run(10, 0);
    assert_eq!(ran.calls, ms(&[0]), "at least one try, then no wait");
    assert_eq!(ran.result, Err("failure 1".to_string()));
    assert_eq!(ran.took, Duration::ZERO);
}

#[test]
fn other_tasks_keep_running_during_the_waits() {
    let (ticks, waited, result) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let ticks = Rc::new(RefCell::new(0_u32));
        let counted = Rc::clone(&ticks);
        let ticker = async move {
            let mut every = tokio::time::interval(50 * MS);
            every.tick().await; // the first tick is immediate
            loop {
                every.tick().await;
                *counted.borrow_mut() += 1;
            }
        };
        let mut failures = 2_u32;
        let op = move || {
            let fail = failures > 0;
            failures = failures.saturating_sub(1);
            async move { if fail { Err("not yet") } else { Ok("done") } }
        };
        let start = Instant::now();
        let result = tokio::select! {
            // The ticker first: when its tick and the last wait end together, it counts.
            biased;
            () = ticker => unreachable!("the ticker never ends"),
            result = retry(op, 5, FIRST_DELAY) => result,
        };
        (*ticks.borrow(), start.elapsed(), result)
    });
    assert_eq!(result, Ok("done"));
    assert!(
        waited > Duration::ZERO,
        "two failures, yet no time passed on tokio's clock and a ticker running beside \
         retry ticked {ticks} times: the waits blocked the thread (std::thread::sleep, \
         asyncio's time.sleep mistake). Use tokio::time::sleep(delay).await"
    );
    let expected = u32::try_from(waited.as_millis() / 50).unwrap_or(u32::MAX);
    assert_eq!(
        ticks, expected,
        "a ticker every 50 ms beside retry should tick once per 50 ms of waiting"
    );
}

const HOUR: Duration = Duration::from_secs(3600);

const NOT_PAUSED: &str = "call_times never returned. Its policy waits hours between calls: \
     on a paused clock that takes microseconds, on a real one hours. Was the runtime built \
     with `.start_paused(true)` (and `.enable_time()`)? That is what \
     `#[tokio::test(start_paused = true)]` builds.";

/// An operation that fails `failures` times, then succeeds with the number of its
/// call; each call first takes `takes` of tokio time.
fn flaky(failures: u32, takes: Duration) -> impl FnMut() -> BoxedCall {
    let mut n = 0;
    move || {
        n += 1;
        let this = n;
        Box::pin(async move {
            tokio::time::sleep(takes).await;
            if this <= failures {
                Err(format!("failure {this}"))
            } else {
                Ok(this)
            }
        })
    }
}

type BoxedCall = std::pin::Pin<Box<dyn Future<Output = Result<u32, String>>>>;

/// Say what the times `call_times` returned point to.
fn explain_times(calls: &[Duration], expected: &[Duration]) -> String {
    let mut why = format!("call_times gave {calls:?}, expected {expected:?}.\n");
    let near = calls.len() == expected.len()
        && calls
            .iter()
            .zip(expected)
            .all(|(got, want)| got.abs_diff(*want) < Duration::from_millis(50));
    if near {
        why += "The times are close but not exact: they were taken on a clock that runs \
                in real time, where every wait lasts a little longer than asked. Build \
                the runtime with `.start_paused(true)`: on the paused clock, 100 ms is \
                exactly 100 ms.";
    } else if calls.len() > 1 && calls.iter().all(|t| t.as_millis() < 1000) {
        why += "The calls seem to come hours apart on the runtime's clock, yet the times \
                say almost no time passed: were they read with `std::time::Instant`? Only \
                `tokio::time::Instant` follows the paused clock.";
    } else if calls.len() == expected.len() {
        why += "Each call takes half an hour itself here: the times must be measured \
                (`start.elapsed()` on tokio's clock when `op` is called), not worked out \
                from the policy.";
    }
    why
}

#[test]
fn call_times_gives_the_schedule_of_a_retry_to_the_millisecond() {
    let (result, calls) = watchdog::within(watchdog::LIMIT, NOT_PAUSED, || {
        call_times(flaky(2, Duration::ZERO), 5, FIRST_DELAY)
    });
    let expected = ms(&[0, 100, 300]);
    assert_eq!(calls, expected, "{}", explain_times(&calls, &expected));
    assert_eq!(result, Ok(3), "call_times returns what retry returned");
}

#[test]
fn call_times_runs_hours_of_waiting_in_no_time() {
    let (result, calls) = watchdog::within(watchdog::LIMIT, NOT_PAUSED, || {
        call_times(flaky(10, Duration::ZERO), 4, HOUR)
    });
    let expected = vec![Duration::ZERO, HOUR, 3 * HOUR, 7 * HOUR];
    assert_eq!(calls, expected, "{}", explain_times(&calls, &expected));
    assert_eq!(
        result,
        Err("failure 4".to_string()),
        "call_times returns what retry returned: the last try's error"
    );
}

#[test]
fn call_times_measures_the_calls_it_does_not_work_them_out() {
    // Each call takes half an hour before it fails: 0, then 0:30 + 1:00, then
    // 2:00 + 2:00.
    let (result, calls) = watchdog::within(watchdog::LIMIT, NOT_PAUSED, || {
        call_times(flaky(10, HOUR / 2), 3, HOUR)
    });
    let expected = vec![Duration::ZERO, 3 * HOUR / 2, 4 * HOUR];
    assert_eq!(calls, expected, "{}", explain_times(&calls, &expected));
    assert_eq!(result, Err("failure 3".to_string()));
}
