//! The tests of step 1. They check the mechanism, not only the result: how many
//! times `block_on` polls, and that it waits for the waker instead of spinning.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

use course_kit::watchdog;

use crate::block_on::block_on;

const NOT_WOKEN: &str = "block_on never returned: nothing woke the thread. Does your \
    ThreadWaker's `wake` unpark the thread that is parked in block_on?";

/// A future finished by another thread after `delay`: the thread sets the flag and
/// calls the waker, as an IO driver or a timer would. It counts its polls.
struct FromThread {
    delay: Duration,
    done: Arc<AtomicBool>,
    started: bool,
    polls: Arc<AtomicUsize>,
}

impl FromThread {
    fn new(delay: Duration) -> (Self, Arc<AtomicUsize>) {
        let polls = Arc::new(AtomicUsize::new(0));
        let future = FromThread {
            delay,
            done: Arc::new(AtomicBool::new(false)),
            started: false,
            polls: Arc::clone(&polls),
        };
        (future, polls)
    }
}

impl Future for FromThread {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        let polls = self.polls.fetch_add(1, Ordering::SeqCst) + 1;
        assert!(
            polls < 1_000,
            "block_on polled the future {polls} times while it waited: it spins. \
             After Pending, park the thread until the waker unparks it."
        );
        if self.done.load(Ordering::SeqCst) {
            return Poll::Ready("done");
        }
        if !self.started {
            self.started = true;
            let (done, waker, delay) = (Arc::clone(&self.done), cx.waker().clone(), self.delay);
            thread::spawn(move || {
                thread::sleep(delay);
                done.store(true, Ordering::SeqCst);
                waker.wake();
            });
        }
        Poll::Pending
    }
}

#[test]
fn block_on_returns_what_a_ready_future_returns() {
    let answer = watchdog::within(watchdog::LIMIT, NOT_WOKEN, || block_on(async { 6 * 7 }));
    assert_eq!(answer, 42, "block_on(async {{ 6 * 7 }}) should return 42");
}

#[test]
fn a_future_woken_by_another_thread_is_polled_exactly_twice() {
    let (output, polls) = watchdog::within(watchdog::LIMIT, NOT_WOKEN, || {
        let (future, polls) = FromThread::new(Duration::from_millis(50));
        (block_on(future), polls.load(Ordering::SeqCst))
    });
    assert_eq!(output, "done");
    assert_eq!(
        polls, 2,
        "expected 2 polls: one that returns Pending, one after the wake-up that returns \
         Ready. More means block_on polls again without waiting for the waker (a busy \
         loop, or a park with a timeout)"
    );
}

#[test]
fn a_future_that_wakes_itself_is_polled_again_at_once() {
    // `yield`: wake, then Pending. The wake comes before the thread parks.
    let polls = watchdog::within(watchdog::LIMIT, NOT_WOKEN, || {
        let mut polls = 0;
        block_on(std::future::poll_fn(|cx| {
            polls += 1;
            if polls == 1 {
                cx.waker().wake_by_ref();
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }));
        polls
    });
    assert_eq!(
        polls, 2,
        "a future that wakes itself must be polled once more"
    );
}

#[test]
fn a_wake_before_the_thread_parks_is_never_lost() {
    // The other thread often wakes us before we reach `park`. Many runs on many
    // threads at once: a lost wake-up hangs one of them.
    watchdog::within(
        Duration::from_secs(20),
        "a block_on hung: a wake-up that came before the thread parked was lost. \
         Unpark the thread (std remembers an early unpark), don't set a flag it \
         never checks",
        || {
            let runners: Vec<_> = (0..4)
                .map(|_| {
                    thread::spawn(|| {
                        for _ in 0..300 {
                            let (future, _) = FromThread::new(Duration::ZERO);
                            assert_eq!(block_on(future), "done");
                        }
                    })
                })
                .collect();
            for runner in runners {
                runner.join().expect("a runner panicked");
            }
        },
    );
}

#[test]
fn block_on_drives_nested_async_code() {
    async fn twice(delay: u64) -> usize {
        let (first, _) = FromThread::new(Duration::from_millis(delay));
        let (second, _) = FromThread::new(Duration::from_millis(delay));
        first.await.len() + second.await.len()
    }
    let total = watchdog::within(watchdog::LIMIT, NOT_WOKEN, || block_on(twice(10)));
    assert_eq!(total, 8, "two awaits of \"done\" in a row: 4 + 4 bytes");
}
