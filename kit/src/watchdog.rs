//! A time limit for tests that a learner's mistake could hang.
//!
//! An iterator that never returns `None`, a future that is never woken, a loop that
//! waits on itself: each makes `cargo test` sit there forever, which teaches nothing.
//! [`within`] runs the test body on its own thread and, if it has not finished by the
//! limit, fails the test with a message that says what probably went wrong. The stuck
//! thread is left behind; it ends with the test process.

use std::future::Future;
use std::panic;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// The limit most exercise tests use: generous for a slow machine, short for a human.
pub const LIMIT: Duration = Duration::from_secs(5);

/// Run `body` and return what it returns; fail the calling test if it takes longer
/// than `limit`, with `why` explaining what a hang here usually means.
///
/// A panic inside `body` (a failed assertion, a `todo!()`) fails the calling test
/// with that panic's own message.
pub fn within<T, F>(limit: Duration, why: &str, body: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (done, finished) = mpsc::channel();
    let worker = thread::Builder::new()
        .name(thread::current().name().unwrap_or("watched").to_string())
        .spawn(move || {
            // The receiver may be gone if the watchdog already gave up; that is fine.
            let _ = done.send(panic::catch_unwind(panic::AssertUnwindSafe(body)));
        })
        .expect("the OS could not start a thread for the watchdog");

    match finished.recv_timeout(limit) {
        Ok(Ok(value)) => {
            let _ = worker.join();
            value
        }
        Ok(Err(payload)) => panic::resume_unwind(payload),
        Err(_) => panic!(
            "\n\nThis test was still running after {limit:?}, so the watchdog stopped it.\n{why}\n"
        ),
    }
}

/// [`within`] for async code: run the future that `make` returns on a current-thread
/// tokio runtime whose clock starts paused, so that `sleep`s finish at once in real
/// time while the paused clock still advances by exactly their length.
///
/// `make` runs on the watchdog's thread, so the future itself need not be `Send`.
/// Every driver the crate's tokio features provide is enabled, so a test whose crate
/// turns on tokio's `net` can use sockets on the paused clock too.
pub fn paused<T, F, Fut>(limit: Duration, why: &str, make: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = T>,
{
    within(limit, why, move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .expect("a current-thread runtime needs no OS resources that can run out")
            .block_on(make())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quick_body_returns_its_value() {
        assert_eq!(within(LIMIT, "never hangs", || 6 * 7), 42);
    }

    #[test]
    #[should_panic(expected = "the loop never ends")]
    fn a_body_that_hangs_fails_with_the_explanation() {
        within(Duration::from_millis(50), "the loop never ends", || {
            loop {
                thread::park();
            }
        });
    }

    #[test]
    #[should_panic(expected = "not yet implemented")]
    fn a_panic_in_the_body_fails_with_its_own_message() {
        within::<(), _>(LIMIT, "unused", || todo!());
    }

    #[test]
    fn paused_sleeps_take_no_real_time() {
        let waited = paused(LIMIT, "a paused sleep finishes at once", || async {
            let start = tokio::time::Instant::now();
            tokio::time::sleep(Duration::from_secs(3600)).await;
            start.elapsed()
        });
        assert_eq!(waited, Duration::from_secs(3600));
    }
}
