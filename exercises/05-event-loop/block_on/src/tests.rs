//! The tests of step 1. They check the mechanism, not only the result: how many
//! times `block_on` polls, that it waits for the waker instead of spinning, and that
//! an unpark nobody asked for (std allows them) does not make it poll.
//!
//! Each `block_on` runs on a thread of its own, watched: when it hangs, the message
//! is written from what the future saw (its polls, and when its waker was called),
//! so it names the mistake the evidence points to.

use std::future::Future;
use std::panic;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

use course_kit::watchdog;

use crate::block_on::block_on;

/// How long one `block_on` may take before the test calls it a hang.
const HANG: Duration = Duration::from_secs(4);

/// Polls after which a future that is still waiting is being spun.
const SPIN: usize = 1_000;

/// What the test's future saw while `block_on` drove it.
#[derive(Default)]
struct Seen {
    polls: AtomicUsize,
    /// Calls of the future's waker, by the future itself or by its thread.
    wakes: AtomicUsize,
    /// How many polls there had been when the waker was last called.
    polls_at_last_wake: AtomicUsize,
    /// The waker was last called during a poll (before it returned `Pending`).
    woke_during_poll: AtomicBool,
    in_poll: AtomicBool,
}

impl Seen {
    fn polls(&self) -> usize {
        self.polls.load(Ordering::SeqCst)
    }

    fn wakes(&self) -> usize {
        self.wakes.load(Ordering::SeqCst)
    }

    /// Note a call of the waker; call it just before waking.
    fn woke(&self) {
        self.polls_at_last_wake
            .store(self.polls(), Ordering::SeqCst);
        self.woke_during_poll
            .store(self.in_poll.load(Ordering::SeqCst), Ordering::SeqCst);
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }

    /// Why a `block_on` that has not returned is stuck, from the evidence.
    fn why_stuck(&self) -> String {
        let (polls, wakes) = (self.polls(), self.wakes());
        let polled_since_wake = polls > self.polls_at_last_wake.load(Ordering::SeqCst);
        if polls == 0 {
            "block_on never polled the future: it waits before the first poll. The first \
             poll is what starts the work and hands the future its waker; park only after \
             a poll returned Pending"
                .to_string()
        } else if wakes == 0 || polled_since_wake {
            format!(
                "the future was polled {polls} time(s) and is waiting for a wake-up that \
                 has not come yet"
            )
        } else if self.woke_during_poll.load(Ordering::SeqCst) {
            format!(
                "the future called its waker during its poll (before returning Pending), \
                 and block_on never polled it again ({polls} poll(s) in all): that wake-up \
                 was lost. Likely causes: `woken` cleared after the poll (a store(false) \
                 after polling erases a wake-up that came during it: test and clear it in \
                 one step, `swap(false)`, after the poll); or a `wake` that does not set \
                 `woken` and unpark the thread"
            )
        } else {
            format!(
                "the future's waker was called (from another thread, after the future \
                 returned Pending), and block_on never polled it again ({polls} poll(s) in \
                 all). Does `wake` set `woken` and unpark the thread parked in block_on? \
                 Does block_on test the same flag that `wake` sets?"
            )
        }
    }
}

/// The test's future inside a counter of polls. It ends early, with `None`, once it
/// has been polled `SPIN` times, so that a spinning `block_on` still returns.
struct Watched<F> {
    inner: Pin<Box<F>>,
    seen: Arc<Seen>,
}

impl<F: Future> Future for Watched<F> {
    type Output = Option<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<F::Output>> {
        if self.seen.polls.fetch_add(1, Ordering::SeqCst) + 1 >= SPIN {
            return Poll::Ready(None);
        }
        self.seen.in_poll.store(true, Ordering::SeqCst);
        let polled = self.inner.as_mut().poll(cx);
        self.seen.in_poll.store(false, Ordering::SeqCst);
        polled.map(Some)
    }
}

/// Run `block_on(future)` on a thread of its own and wait for it at most `HANG`: a
/// hang or a spin is reported from what the future saw.
fn drive<T, F>(seen: &Arc<Seen>, future: F) -> T
where
    T: Send + 'static,
    F: Future<Output = T> + Send + 'static,
{
    let watched = Watched {
        inner: Box::pin(future),
        seen: Arc::clone(seen),
    };
    let (done, finished) = mpsc::channel();
    let runner = thread::spawn(move || {
        let _ = done.send(block_on(watched));
    });
    match finished.recv_timeout(HANG) {
        Ok(Some(output)) => output,
        Ok(None) => panic!(
            "block_on polled the future {SPIN} times while it waited (its waker was called \
             {} time(s)): it polls again without waiting for a wake-up, a busy loop that \
             burns a core. After Pending, park until `woken` is set",
            seen.wakes()
        ),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("block_on never returned: {}", seen.why_stuck())
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => match runner.join() {
            // A panic in block_on (a `todo!()`, say): pass it on as it is.
            Err(payload) => panic::resume_unwind(payload),
            Ok(()) => unreachable!("the runner sends before it ends"),
        },
    }
}

/// The watchdog around `drive`, should the test itself get stuck.
fn watched<T, F>(why: &str, make: impl FnOnce(&Arc<Seen>) -> F + Send + 'static) -> (T, Arc<Seen>)
where
    T: Send + 'static,
    F: Future<Output = T> + Send + 'static,
{
    watchdog::within(HANG + Duration::from_secs(2), why, move || {
        let seen = Arc::new(Seen::default());
        let future = make(&seen);
        (drive(&seen, future), seen)
    })
}

/// A future finished by another thread after `delay`: the thread sets the flag and
/// calls the waker, as an IO driver or a timer would. Before that, it unparks the
/// `block_on` thread `unparks` times without calling the waker: unparks nobody
/// asked for, which `block_on` must sleep through.
struct FromThread {
    delay: Duration,
    unparks: usize,
    done: Arc<AtomicBool>,
    started: bool,
    seen: Arc<Seen>,
}

impl FromThread {
    fn new(seen: &Arc<Seen>, delay: Duration) -> Self {
        FromThread {
            delay,
            unparks: 0,
            done: Arc::default(),
            started: false,
            seen: Arc::clone(seen),
        }
    }

    fn with_spurious_unparks(mut self, unparks: usize) -> Self {
        self.unparks = unparks;
        self
    }
}

impl Future for FromThread {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.done.load(Ordering::SeqCst) {
            return Poll::Ready("done");
        }
        if !self.started {
            self.started = true;
            let block_on_thread = thread::current();
            if self.unparks > 0 {
                // The first unpark nobody asked for, before block_on even parks.
                block_on_thread.unpark();
            }
            let (done, waker, seen) = (
                Arc::clone(&self.done),
                cx.waker().clone(),
                Arc::clone(&self.seen),
            );
            let (delay, unparks) = (self.delay, self.unparks);
            thread::spawn(move || {
                for _ in 1..unparks {
                    thread::sleep(Duration::from_millis(1));
                    block_on_thread.unpark();
                }
                thread::sleep(delay);
                done.store(true, Ordering::SeqCst);
                seen.woke();
                waker.wake();
            });
        }
        Poll::Pending
    }
}

#[test]
fn block_on_returns_what_a_ready_future_returns() {
    let (answer, _) = watched("block_on(async { 6 * 7 }) returns 42", |_| async { 6 * 7 });
    assert_eq!(answer, 42, "block_on(async {{ 6 * 7 }}) should return 42");
}

#[test]
fn a_future_woken_by_another_thread_is_polled_exactly_twice() {
    let (output, seen) = watched(
        "a future finished and woken by another thread 50 ms later is polled twice",
        |seen| FromThread::new(seen, Duration::from_millis(50)),
    );
    assert_eq!(output, "done");
    assert_eq!(
        seen.polls(),
        2,
        "expected 2 polls: one that returns Pending, one after the wake-up that returns \
         Ready. The waker was called {} time(s), so block_on polled without a wake-up: a \
         busy loop, a nap between polls, or a park with a timeout",
        seen.wakes()
    );
}

#[test]
fn an_unpark_that_is_not_a_wake_up_does_not_poll_again() {
    // 20 unparks of block_on's thread that do not call the waker (the first one
    // before it parks), then, 10 ms later, the real wake-up.
    let (output, seen) = watched(
        "unparks that are not wake-ups must not make block_on poll",
        |seen| FromThread::new(seen, Duration::from_millis(10)).with_spurious_unparks(20),
    );
    assert_eq!(output, "done");
    assert_eq!(
        seen.polls(),
        2,
        "block_on polled the future {} times, but its waker was called {} time(s). This \
         test unparks block_on's thread 20 times without calling the waker (std's `park` \
         may also return for no reason), and block_on took those for wake-ups. Poll again \
         only once `woken` is set: park again while it is not. (If \
         `a_future_woken_by_another_thread_is_polled_exactly_twice` fails too, block_on \
         does not wait for the waker at all: see that test.)",
        seen.polls(),
        seen.wakes()
    );
}

#[test]
fn a_future_that_wakes_itself_is_polled_again_at_once() {
    // `yield`: wake, then Pending. The wake comes during the poll, before any park.
    let (polls, _) = watched(
        "a future that wakes itself during its poll is polled once more",
        |seen| {
            let seen = Arc::clone(seen);
            let mut polls = 0;
            std::future::poll_fn(move |cx| {
                polls += 1;
                if polls == 1 {
                    seen.woke();
                    cx.waker().wake_by_ref();
                    Poll::Pending
                } else {
                    Poll::Ready(polls)
                }
            })
        },
    );
    assert_eq!(
        polls, 2,
        "a future that wakes itself must be polled once more"
    );
}

#[test]
fn a_wake_before_the_thread_parks_is_never_lost() {
    // The other thread often wakes us before we reach `park`, or during the poll.
    // Many runs on several threads at once: a lost wake-up hangs one of them.
    let lost = Arc::new(Mutex::new(None::<String>));
    let report = Arc::clone(&lost);
    watchdog::within(
        Duration::from_secs(20),
        "a wake-up that came before the thread parked, or during the poll, was lost",
        move || {
            let runners: Vec<_> = (0..4)
                .map(|_| {
                    let report = Arc::clone(&report);
                    thread::spawn(move || {
                        for _ in 0..300 {
                            let seen = Arc::new(Seen::default());
                            let future = FromThread::new(&seen, Duration::ZERO);
                            let (done, finished) = mpsc::channel();
                            let theirs = Arc::clone(&seen);
                            thread::spawn(move || {
                                let watched = Watched {
                                    inner: Box::pin(future),
                                    seen: theirs,
                                };
                                let _ = done.send(block_on(watched).is_some());
                            });
                            if let Ok(returned) = finished.recv_timeout(HANG) {
                                assert!(
                                    returned,
                                    "block_on polled one future {SPIN} times: it polls \
                                     without waiting for a wake-up (see \
                                     a_future_woken_by_another_thread_is_polled_exactly_twice)"
                                );
                            } else {
                                *report.lock().unwrap() = Some(seen.why_stuck());
                                return;
                            }
                        }
                    })
                })
                .collect();
            for runner in runners {
                if let Err(payload) = runner.join() {
                    panic::resume_unwind(payload);
                }
            }
        },
    );
    if let Some(why) = lost.lock().unwrap().take() {
        panic!(
            "one of 1,200 block_on calls, whose future another thread woke at once, never \
             returned: {why}"
        );
    }
}

#[test]
fn block_on_drives_nested_async_code() {
    let (total, _) = watched("two awaits in a row, each woken by a thread", |seen| {
        let (first, second) = (
            FromThread::new(seen, Duration::from_millis(10)),
            FromThread::new(seen, Duration::from_millis(10)),
        );
        async move { first.await.len() + second.await.len() }
    });
    assert_eq!(total, 8, "two awaits of \"done\" in a row: 4 + 4 bytes");
}
