//! The tests of the `retry` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::Instant;

use crate::retry::retry;

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
