//! The tests of the `first_ok` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

use crate::first_ok::first_ok;

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

const HANG: &str = "first_ok never returned. Does it stop when every future has \
                    finished (the stream of outputs ends with None)?";

type Mirror = Pin<Box<dyn Future<Output = Result<&'static str, &'static str>>>>;

/// A mirror that answers `Ok(file)` after `secs` seconds.
fn ok(secs: u64, file: &'static str) -> Mirror {
    Box::pin(async move {
        sleep(Duration::from_secs(secs)).await;
        Ok(file)
    })
}

/// A mirror that fails with `error` after `secs` seconds.
fn err(secs: u64, error: &'static str) -> Mirror {
    Box::pin(async move {
        sleep(Duration::from_secs(secs)).await;
        Err(error)
    })
}

/// Race `mirrors` on the paused clock: the result and when it came.
#[track_caller]
fn race(
    mirrors: impl FnOnce() -> Vec<Mirror> + Send + 'static,
) -> (Result<&'static str, Vec<&'static str>>, Duration) {
    watchdog::paused(LIMIT, HANG, || async move {
        let start = Instant::now();
        let result = first_ok(mirrors()).await;
        (result, start.elapsed())
    })
}

#[test]
fn the_first_success_wins_not_the_first_to_finish() {
    let got = race(|| vec![err(1, "a is down"), ok(3, "from b"), ok(2, "from c")]);
    assert_eq!(
        got,
        (Ok("from c"), Duration::from_secs(2)),
        "expected (c's file, 2 s): a fails first (1 s) and does not count, c is the \
         first *success* (2 s), before b (3 s). A failure at 1 s means the first to \
         finish won, success or not (select_all); b means the first in the list won"
    );
}

#[test]
fn failures_first_and_last_are_skipped() {
    let got = race(|| vec![err(1, "first"), ok(4, "slow but good"), err(5, "last")]);
    assert_eq!(
        got,
        (Ok("slow but good"), Duration::from_secs(4)),
        "expected the only success, at 4 s: return as soon as it arrives, without \
         waiting for the failure at 5 s"
    );
}

#[test]
fn every_error_comes_back_in_argument_order_when_all_fail() {
    let got = race(|| vec![err(3, "x"), err(1, "y"), err(2, "z")]);
    assert_eq!(
        got,
        (Err(vec!["x", "y", "z"]), Duration::from_secs(3)),
        "expected every error in argument order (x, y, z), not in the order they \
         came (y, z, x), once the last has failed at 3 s"
    );
}

#[test]
fn the_losers_are_dropped_the_moment_the_winner_comes() {
    let dropped = watchdog::paused(LIMIT, HANG, || async {
        let start = Instant::now();
        let dropped_at = Arc::new(Mutex::new(Vec::new()));
        /// Records, when dropped, when that was.
        struct Marker(Arc<Mutex<Vec<Duration>>>, Instant);
        impl Drop for Marker {
            fn drop(&mut self) {
                self.0.lock().unwrap().push(self.1.elapsed());
            }
        }
        let slow = |secs| -> Mirror {
            let marker = Marker(Arc::clone(&dropped_at), start);
            Box::pin(async move {
                let _marker = marker;
                sleep(Duration::from_secs(secs)).await;
                Ok("too late")
            })
        };
        let result = first_ok(vec![slow(10), ok(2, "winner"), slow(20)]).await;
        assert_eq!(result, Ok("winner"));
        let mut dropped = dropped_at.lock().unwrap().clone();
        dropped.sort();
        dropped
    });
    assert_eq!(
        dropped,
        [Duration::from_secs(2), Duration::from_secs(2)],
        "expected both slow mirrors dropped (cancelled) at 2 s, when the winner came: \
         returning drops what is still running"
    );
}

#[test]
fn no_mirrors_no_file() {
    let got = race(Vec::new);
    assert_eq!(
        got,
        (Err(vec![]), Duration::ZERO),
        "nothing to race: no success and no errors, at once"
    );
}
