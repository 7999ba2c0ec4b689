//! The tests of the `task_stats` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Most tests poll the tracked future by hand, with wakers that remember whether they
//! were woken, so that each poll and each wake is the test's own doing.

use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use course_kit::watchdog;

use crate::given::{Clock, State, Stats};
use crate::task_stats::{Tracked, track};

const MS: Duration = Duration::from_millis(1);

const HANG: &str = "the test hung. If a future that wakes itself during its poll hangs \
                    your wrapper, the stats lock is probably held while the inner future \
                    is polled: your `wake` then waits for a lock that its own caller holds.";

/// A clock that moves only when told to.
#[derive(Clone, Default)]
struct HandClock(Arc<AtomicU64>);

impl HandClock {
    /// Move the clock on: inside a poll, that is how long the poll "took".
    fn burn(&self, how_long: Duration) {
        let nanos = u64::try_from(how_long.as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_add(nanos, Ordering::SeqCst);
    }
}

impl Clock for HandClock {
    fn now(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::SeqCst))
    }
}

/// A waker that remembers being woken.
#[derive(Default)]
struct Remembers(AtomicBool);

impl Wake for Remembers {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

fn waker() -> (Waker, Arc<Remembers>) {
    let flag = Arc::new(Remembers::default());
    (Waker::from(Arc::clone(&flag)), flag)
}

fn poll_with<F: Future, C: Clock + Unpin>(
    tracked: &mut Tracked<F, C>,
    waker: &Waker,
) -> Poll<F::Output> {
    Pin::new(tracked).poll(&mut Context::from_waker(waker))
}

fn stats(of: &Arc<Mutex<Stats>>) -> Stats {
    of.lock().expect("the stats lock is not poisoned").clone()
}

/// An inner future that stays pending until the test says so through a shared
/// "ready" switch, and keeps the last waker it was given.
#[derive(Clone, Default)]
struct Gate {
    open: Arc<AtomicBool>,
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Gate {
    fn wait(&self) -> impl Future<Output = &'static str> + use<> {
        let gate = self.clone();
        std::future::poll_fn(move |cx| {
            if gate.open.load(Ordering::SeqCst) {
                return Poll::Ready("opened");
            }
            *gate.waker.lock().expect("not poisoned") = Some(cx.waker().clone());
            Poll::Pending
        })
    }

    /// Open the gate and wake whoever waits, as an IO driver or a channel would.
    fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
        if let Some(waker) = self.waker.lock().expect("not poisoned").take() {
            waker.wake();
        }
    }

    /// Wake the waiter without opening: a spurious or repeated wake-up.
    fn nudge(&self) {
        if let Some(waker) = self.waker.lock().expect("not poisoned").as_ref() {
            waker.wake_by_ref();
        }
    }
}

#[test]
fn each_poll_is_counted_and_the_state_follows_it() {
    watchdog::within(watchdog::LIMIT, HANG, || {
        let gate = Gate::default();
        let (mut tracked, figures) = track(gate.wait(), HandClock::default());
        assert_eq!(stats(&figures).state, State::Idle, "not polled yet");
        let (waker, _) = waker();
        assert!(poll_with(&mut tracked, &waker).is_pending());
        assert_eq!(
            (stats(&figures).polls, stats(&figures).state),
            (1, State::Idle)
        );
        gate.open();
        assert_eq!(poll_with(&mut tracked, &waker), Poll::Ready("opened"));
        assert_eq!(
            (stats(&figures).polls, stats(&figures).state),
            (2, State::Done),
            "two polls, the second one Ready"
        );
    });
}

#[test]
fn the_state_is_running_while_the_inner_future_is_polled() {
    let seen = watchdog::within(watchdog::LIMIT, HANG, || {
        let seen = Arc::new(Mutex::new(None));
        let figures_slot: Arc<Mutex<Option<Arc<Mutex<Stats>>>>> = Arc::default();
        let (inner_seen, inner_slot) = (Arc::clone(&seen), Arc::clone(&figures_slot));
        let inner = std::future::poll_fn(move |_| {
            let slot = inner_slot.lock().expect("not poisoned");
            let figures = slot
                .as_ref()
                .expect("the test fills the slot before polling");
            let state = figures.try_lock().map(|s| s.state).ok();
            *inner_seen.lock().expect("not poisoned") = Some(state);
            Poll::Ready(())
        });
        let (mut tracked, figures) = track(inner, HandClock::default());
        *figures_slot.lock().expect("not poisoned") = Some(figures);
        let (waker, _) = waker();
        let _ = poll_with(&mut tracked, &waker);
        seen.lock().expect("not poisoned").take()
    });
    assert_eq!(
        seen,
        Some(Some(State::Running)),
        "during the inner poll the state should read Running (`None` inside means the \
         stats lock was held during the inner poll)"
    );
}

#[test]
fn busy_time_is_time_inside_poll_not_time_spent_waiting() {
    let figures = watchdog::within(watchdog::LIMIT, HANG, || {
        let clock = HandClock::default();
        let gate = Gate::default();
        let (inner_clock, inner_gate) = (clock.clone(), gate.clone());
        let mut polls = 0;
        let inner = std::future::poll_fn(move |cx| {
            polls += 1;
            // The first poll takes 30 ms, the second 50 ms: both block the thread.
            inner_clock.burn(if polls == 1 { 30 * MS } else { 50 * MS });
            Pin::new(&mut Box::pin(inner_gate.wait())).poll(cx)
        });
        let (mut tracked, figures) = track(inner, clock.clone());
        let (waker, _) = waker();
        assert!(poll_with(&mut tracked, &waker).is_pending());
        clock.burn(Duration::from_secs(10)); // waiting: not busy
        gate.open();
        assert!(poll_with(&mut tracked, &waker).is_ready());
        stats(&figures)
    });
    assert_eq!(
        figures.busy,
        80 * MS,
        "30 ms + 50 ms inside poll; the 10 s between polls were spent waiting, which \
         is not busy time (measure each poll, from its start to its end)"
    );
    assert_eq!(figures.longest_poll, 50 * MS);
}

#[test]
fn wakes_are_counted_as_they_happen_not_guessed_from_polls() {
    let figures = watchdog::within(watchdog::LIMIT, HANG, || {
        let gate = Gate::default();
        let (mut tracked, figures) = track(gate.wait(), HandClock::default());
        let (waker, _) = waker();
        assert!(poll_with(&mut tracked, &waker).is_pending());
        // Two wake-ups before the task is polled again.
        gate.nudge();
        gate.nudge();
        assert!(poll_with(&mut tracked, &waker).is_pending());
        stats(&figures)
    });
    assert_eq!(
        (figures.polls, figures.wakes),
        (2, 2),
        "the task was woken twice and polled twice; its wakes are what its waker was \
         told, which `polls - 1` does not measure: count them in your waker's `wake`"
    );
    assert_eq!(
        figures.self_wakes, 0,
        "the wakes came from outside the poll"
    );
}

#[test]
fn a_wake_reaches_the_task_that_polled_last() {
    let (first, second) = watchdog::within(watchdog::LIMIT, HANG, || {
        let gate = Gate::default();
        let (mut tracked, _figures) = track(gate.wait(), HandClock::default());
        let (first_waker, first) = waker();
        let (second_waker, second) = waker();
        assert!(poll_with(&mut tracked, &first_waker).is_pending());
        // Moved: now another task (another waker) awaits it.
        assert!(poll_with(&mut tracked, &second_waker).is_pending());
        gate.open();
        (
            first.0.load(Ordering::SeqCst),
            second.0.load(Ordering::SeqCst),
        )
    });
    assert!(
        second,
        "the future was polled by a first waker, then by a second; the wake-up went to \
         {}. Only the waker of the latest poll is sure to reach the task that waits \
         now: build your counting waker from `cx.waker()` at every poll",
        if first { "the first one" } else { "neither" }
    );
}

#[test]
fn a_task_that_wakes_itself_during_its_poll_is_seen_spinning() {
    let figures = watchdog::within(watchdog::LIMIT, HANG, || {
        let mut spins = 0;
        // Busy-waiting: not ready, so wake myself at once and ask to be polled again.
        let spinning = std::future::poll_fn(move |cx| {
            if spins == 3 {
                return Poll::Ready(());
            }
            spins += 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        });
        let (mut tracked, figures) = track(spinning, HandClock::default());
        let (waker, woken) = waker();
        while poll_with(&mut tracked, &waker).is_pending() {
            assert!(
                woken.0.swap(false, Ordering::SeqCst),
                "the task's own waker must be woken"
            );
        }
        stats(&figures)
    });
    assert_eq!(
        (figures.polls, figures.wakes, figures.self_wakes),
        (4, 3, 3),
        "3 wakes, all made during a poll: 3 self-wakes. A wake is a self-wake when the \
         state is Running as it happens"
    );
}

#[test]
fn on_a_real_runtime_the_wrapper_is_invisible() {
    let (answer, figures) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let (tracked, figures) = track(
            async {
                for _ in 0..3 {
                    tokio::time::sleep(10 * MS).await;
                }
                42
            },
            HandClock::default(),
        );
        (tokio::spawn(tracked).await.expect("no panic"), figures)
    });
    assert_eq!(answer, 42);
    let figures = stats(&figures);
    assert_eq!(
        (figures.polls, figures.wakes, figures.state),
        (4, 3, State::Done)
    );
}
