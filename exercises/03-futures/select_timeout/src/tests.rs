//! The tests of the `select_timeout` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

/// `async { sleep(secs).await; value }`, with `secs` in seconds of paused time.
async fn after<T>(secs: f64, value: T) -> T {
    sleep(Duration::from_secs_f64(secs)).await;
    value
}

/// Records when (on tokio's clock) the future holding it was dropped.
struct DropClock(Arc<Mutex<Option<Duration>>>, Instant);

impl Drop for DropClock {
    fn drop(&mut self) {
        *self.0.lock().unwrap() = Some(self.1.elapsed());
    }
}

/// A future that takes `secs` and yields `value`, and records in the returned slot
/// when it was dropped (whether it had finished or not).
fn tracked<T>(secs: f64, value: T) -> (impl Future<Output = T>, Arc<Mutex<Option<Duration>>>) {
    let dropped = Arc::new(Mutex::new(None));
    let clock = DropClock(Arc::clone(&dropped), Instant::now());
    let future = async move {
        let _clock = clock;
        after(secs, value).await
    };
    (future, dropped)
}

use crate::select_timeout::{TimedOut, timeout};

const HANG: &str = "The timeout never returned. Does your select! have a branch for \
                    `tokio::time::sleep(limit)`? Without it, a future that never \
                    finishes is waited on forever.";

#[test]
fn a_quick_future_returns_its_output_at_its_own_end() {
    let (result, took) = watchdog::paused(LIMIT, HANG, || async {
        let start = Instant::now();
        let result = timeout(Duration::from_secs(2), after(1.0, "page")).await;
        (result, start.elapsed())
    });
    assert_eq!(
        (result, took),
        (Ok("page"), Duration::from_secs(1)),
        "expected (its output, 1 s): the future took 1 s, so the timeout returns then, \
         without waiting out the 2 s limit (race the two; do not await one and then \
         the other)"
    );
}

#[test]
fn a_slow_future_times_out_at_exactly_the_limit() {
    let (result, took) = watchdog::paused(LIMIT, HANG, || async {
        let start = Instant::now();
        let result = timeout(Duration::from_secs(2), after(3.0, "page")).await;
        (result, start.elapsed())
    });
    assert_eq!(
        (result, took),
        (
            Err(TimedOut {
                after: Duration::from_secs(2)
            }),
            Duration::from_secs(2)
        ),
        "expected (TimedOut after 2 s, 2 s): give up at the limit, not when the 3 s \
         future finally ends (like wait_for, which cancels it at the limit)"
    );
}

#[test]
fn a_future_that_never_finishes_times_out() {
    let result = watchdog::paused(LIMIT, HANG, || {
        timeout(Duration::from_secs(5), std::future::pending::<()>())
    });
    assert_eq!(
        result,
        Err(TimedOut {
            after: Duration::from_secs(5)
        }),
        "a future that never finishes times out at the limit"
    );
}

#[test]
fn the_slow_future_is_dropped_at_the_limit() {
    let dropped_at = watchdog::paused(LIMIT, HANG, || async {
        let (slow, dropped) = tracked(3.0, ());
        let _ = timeout(Duration::from_secs(2), slow).await;
        *dropped.lock().unwrap()
    });
    assert_eq!(
        dropped_at,
        Some(Duration::from_secs(2)),
        "expected the slow future dropped at 2 s: a timed-out future is cancelled, \
         dropped when the limit is reached (select! drops the losing branch)"
    );
}

#[test]
fn a_ready_future_wins_even_with_a_zero_limit() {
    let results = watchdog::paused(LIMIT, HANG, || async {
        let mut results = Vec::new();
        // select! picks a random branch first unless told otherwise, so one try
        // could pass by luck; fifty cannot.
        for n in 0..50 {
            results.push(timeout(Duration::ZERO, async move { n }).await);
        }
        results
    });
    let expected: Vec<Result<i32, TimedOut>> = (0..50).map(Ok).collect();
    assert_eq!(
        results, expected,
        "a future that is ready at once must win over a zero-length sleep every \
         time: poll it first (see `biased;` in the select! docs)"
    );
}

#[test]
fn the_limit_counts_from_the_first_poll_not_from_the_call() {
    // The timeout is created at 0 s but first awaited at 5 s: like any async fn, it
    // starts (and so starts its clock) at the first poll.
    let (result, took) = watchdog::paused(LIMIT, HANG, || async {
        let start = Instant::now();
        let later = timeout(Duration::from_secs(2), after(1.0, "page"));
        sleep(Duration::from_secs(5)).await;
        (later.await, start.elapsed())
    });
    assert_eq!(
        (result, took),
        (Ok("page"), Duration::from_secs(6)),
        "expected (its output, 6 s): polled first at 5 s, the 1 s future ends at 6 s, \
         within its 2 s limit"
    );
}
