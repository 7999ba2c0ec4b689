//! Step 5: timers, and a loop that sleeps instead of spinning.
//!
//! `asyncio.sleep(1)` makes a future and a timer handle that completes it, and
//! pushes the handle on `loop._scheduled`, a heap ordered by deadline. Each turn,
//! the loop asks the heap "when is the next deadline?" and passes the answer to the
//! OS as the timeout of its wait. So an idle loop is a thread asleep in the kernel:
//! it costs no CPU until a socket is ready or the first timer is due.
//!
//! Here that is a [`TimerDriver`]: a [`Driver`] wrapped around another driver. It
//! shortens the inner driver's wait to the next deadline, then wakes the tasks
//! whose deadlines have passed. Step 2's loop does not change at all.

use std::cell::RefCell;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::event_loop::{Driver, Entrance, lock, spawn_detached};
use crate::trace::{self, Cause};

// ANCHOR: timers
/// The timer heap (asyncio's `loop._scheduled`) and the clock it is read by.
///
/// Behind a `Mutex` and shared by `Arc`, so that step 10's workers can all set
/// timers on the one heap that whichever idle worker sleeps on.
struct Timers {
    heap: Mutex<Heap>,
    clock: Clock,
    /// Wakes the driver's wait: needed when another thread sets a timer earlier
    /// than the deadline the driver sleeps until (only step 10 does that).
    unpark: Waker,
}

#[derive(Default)]
struct Heap {
    /// `Reverse` turns std's max-heap into a min-heap: the top is the earliest.
    timers: BinaryHeap<Reverse<Timer>>,
    /// Breaks ties between equal deadlines: first set, first fired.
    next_seq: u64,
    /// While the driver sleeps: the deadline it will wake at (`Some(None)`: none).
    asleep_until: Option<Option<Instant>>,
}

struct Timer {
    deadline: Instant,
    seq: u64,
    waker: Waker,
}

impl Timers {
    fn add(&self, deadline: Instant, waker: Waker) {
        let mut heap = lock(&self.heap);
        let seq = heap.next_seq;
        heap.next_seq += 1;
        heap.timers.push(Reverse(Timer {
            deadline,
            seq,
            waker,
        }));
        // A driver asleep past this deadline must wake and sleep again, shorter.
        // On a loop's own thread the driver is never asleep while a task runs.
        let wakes_too_late = match heap.asleep_until {
            Some(Some(until)) => deadline < until,
            Some(None) => true,
            None => false,
        };
        if wakes_too_late {
            heap.asleep_until = None;
            drop(heap);
            self.unpark.wake_by_ref();
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        let heap = lock(&self.heap);
        heap.timers.peek().map(|Reverse(timer)| timer.deadline)
    }

    /// How long the driver may sleep: no longer than `asked`, nor than the next
    /// deadline. Notes the wake-up time, in the same lock as the reading of the
    /// heap, so that a timer set meanwhile by another thread is never missed.
    fn sleep_until_next(&self, asked: Option<Duration>) -> Option<Duration> {
        let mut heap = lock(&self.heap);
        let now = Instant::now();
        let next = heap.timers.peek().map(|Reverse(timer)| timer.deadline);
        let until_timer = next.map(|deadline| deadline - now.min(deadline));
        let timeout = match (asked, until_timer) {
            (Some(asked), Some(timer)) => Some(asked.min(timer)),
            (asked, timer) => asked.or(timer),
        };
        heap.asleep_until = Some(timeout.map(|timeout| now + timeout));
        timeout
    }

    /// Wake every task whose deadline has passed; say how many.
    fn fire_due(&self) -> usize {
        let now = self.clock.now();
        let mut fired = 0;
        trace::waking_because(Cause::Timer, || {
            loop {
                // One timer at a time, the lock ending with the statement: a woken
                // task is only queued, but a waker is code we do not control.
                let due = {
                    let mut heap = lock(&self.heap);
                    match heap.timers.peek() {
                        Some(Reverse(timer)) if timer.deadline <= now => heap.timers.pop(),
                        _ => None,
                    }
                };
                match due {
                    Some(Reverse(timer)) => {
                        timer.waker.wake();
                        fired += 1;
                    }
                    None => return fired,
                }
            }
        })
    }
}
// ANCHOR_END: timers

// A heap needs an order; ours is by deadline, then by the order set. The waker
// takes no part (it cannot be compared).
impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.deadline, self.seq).cmp(&(other.deadline, other.seq))
    }
}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Timer {}

// ANCHOR: driver
/// A driver that adds timers to another driver.
pub struct TimerDriver<D> {
    inner: D,
    timers: Arc<Timers>,
}

impl<D: Driver> TimerDriver<D> {
    /// Timers on the real clock.
    pub fn new(inner: D) -> Self {
        Self::with_clock(inner, Clock::Real)
    }

    /// Timers on a paused clock, which stands still while work is ready and jumps
    /// to the next deadline when there is none (tokio's `start_paused`): tests of
    /// timing run in microseconds and see exact figures.
    pub fn paused(inner: D) -> Self {
        Self::with_clock(inner, Clock::Paused(Mutex::new(Instant::now())))
    }

    fn with_clock(inner: D, clock: Clock) -> Self {
        let timers = Arc::new(Timers {
            heap: Mutex::default(),
            clock,
            unpark: inner.unparker(),
        });
        TimerDriver { inner, timers }
    }
}

impl<D: Driver> Driver for TimerDriver<D> {
    fn park(&mut self, timeout: Option<Duration>) -> usize {
        let woken = match &self.timers.clock {
            Clock::Real => {
                // Sleep no longer than the next deadline: this line is why an idle
                // loop with a timer sleeps in the OS instead of spinning.
                let timeout = self.timers.sleep_until_next(timeout);
                let woken = self.inner.park(timeout);
                lock(&self.timers.heap).asleep_until = None;
                woken
            }
            Clock::Paused(now) => {
                // Look for IO first; with nothing to do at all, jump the clock.
                let woken = self.inner.park(Some(Duration::ZERO));
                match self.timers.next_deadline() {
                    Some(deadline) if timeout.is_none() && woken == 0 => {
                        let mut now = lock(now);
                        *now = (*now).max(deadline);
                        0
                    }
                    None if timeout.is_none() && woken == 0 => self.inner.park(None),
                    _ => woken,
                }
            }
        };
        woken + self.timers.fire_due()
    }

    fn unparker(&self) -> Waker {
        self.inner.unparker()
    }

    fn entrance(&self) -> Entrance {
        let inner = self.inner.entrance();
        let timers = Arc::clone(&self.timers);
        Arc::new(move || {
            let inner = inner();
            let previous = CURRENT.with(|current| current.replace(Some(Arc::clone(&timers))));
            Box::new((Entered(previous), inner))
        })
    }
}
// ANCHOR_END: driver

thread_local! {
    /// The timers of the loop running on this thread.
    static CURRENT: RefCell<Option<Arc<Timers>>> = const { RefCell::new(None) };
}

/// Puts back the timers that were current before [`TimerDriver::enter`].
struct Entered(Option<Arc<Timers>>);

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|current| current.replace(previous));
    }
}

fn with_timers<R>(f: impl FnOnce(&Timers) -> R) -> R {
    CURRENT.with(|current| match &*current.borrow() {
        Some(timers) => f(timers),
        None => panic!(
            "no timers here: sleep, call_later and now need a running loop with a \
             TimerDriver (ch05_event_loop::new_event_loop() has one)"
        ),
    })
}

// ANCHOR: sleep
/// Wait until `duration` has passed: `await asyncio.sleep(duration)`.
///
/// The deadline is fixed when `sleep` is called (tokio's rule; asyncio fixes it
/// when the coroutine first runs, which for `await asyncio.sleep(..)` is the same).
pub fn sleep(duration: Duration) -> Sleep {
    sleep_until(now() + duration)
}

/// Wait until the loop's clock reads `deadline`.
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep {
        deadline,
        registered: None,
    }
}

/// The future returned by [`sleep`].
pub struct Sleep {
    deadline: Instant,
    /// The waker our heap entry will wake, so that a second poll by the same task
    /// does not push a second entry.
    registered: Option<Waker>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if now() >= self.deadline {
            return Poll::Ready(());
        }
        let known = self
            .registered
            .as_ref()
            .is_some_and(|waker| waker.will_wake(cx.waker()));
        if !known {
            // A new waker (first poll, or the future moved to another task): add an
            // entry for it. An older entry will wake its old task once, for
            // nothing, which is allowed: every future copes with spurious polls.
            with_timers(|timers| timers.add(self.deadline, cx.waker().clone()));
            self.registered = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}
// ANCHOR_END: sleep

// ANCHOR: call_later
/// Call `callback` once `delay` has passed: `loop.call_later(delay, callback)`.
/// A one-step task again: sleep, then call. Callbacks due at the same moment run
/// in the order they were set.
pub fn call_later(delay: Duration, callback: impl FnOnce() + 'static) {
    let deadline = now() + delay;
    spawn_detached(async move {
        sleep_until(deadline).await;
        callback();
    });
}
// ANCHOR_END: call_later

/// The running loop's clock: `loop.time()`.
pub fn now() -> Instant {
    with_timers(|timers| timers.clock.now())
}

/// How many timers the running loop holds (fired ones are gone).
pub fn pending_timers() -> usize {
    with_timers(|timers| lock(&timers.heap).timers.len())
}

/// The loop's clock: the real one, or a paused one for tests.
enum Clock {
    Real,
    /// Time moves only when the loop advances it.
    Paused(Mutex<Instant>),
}

impl Clock {
    fn now(&self) -> Instant {
        match self {
            Clock::Real => Instant::now(),
            Clock::Paused(now) => *lock(now),
        }
    }
}

// ANCHOR: cpu_time
/// CPU time this thread has used so far, from Linux's `/proc/thread-self/schedstat`
/// (its first figure is nanoseconds spent running). Used to prove that a loop
/// waiting for a timer is asleep in the kernel, not spinning.
#[cfg(target_os = "linux")]
pub fn thread_cpu_time() -> std::io::Result<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat")?;
    let nanos = stat
        .split_whitespace()
        .next()
        .and_then(|field| field.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("unexpected schedstat: {stat:?}")))?;
    Ok(Duration::from_nanos(nanos))
}
// ANCHOR_END: cpu_time

/// Elsewhere there is no safe, portable way to read a thread's CPU time.
#[cfg(not(target_os = "linux"))]
pub fn thread_cpu_time() -> std::io::Result<Duration> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "a thread's CPU time is read from /proc, which only Linux has",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_loop::{EventLoop, ThreadParker};
    use crate::join_handle::spawn;
    use std::cell::RefCell;
    use std::rc::Rc;

    fn paused_loop() -> EventLoop {
        EventLoop::with_driver(TimerDriver::paused(ThreadParker::new()))
    }

    async fn say_after(delay: Duration, what: &'static str) -> &'static str {
        sleep(delay).await;
        what
    }

    #[test]
    fn sequential_sleeps_add_up_to_three_seconds() {
        let took = paused_loop().run(async {
            let start = now();
            say_after(Duration::from_secs(1), "hello").await;
            say_after(Duration::from_secs(2), "world").await;
            now() - start
        });
        assert_eq!(took, Duration::from_secs(3));
    }

    #[test]
    fn concurrent_sleeps_take_as_long_as_the_longest_two_seconds() {
        let (took, words) = paused_loop().run(async {
            let start = now();
            let hello = spawn(say_after(Duration::from_secs(1), "hello"));
            let world = spawn(say_after(Duration::from_secs(2), "world"));
            let words = [hello.await.unwrap(), world.await.unwrap()];
            (now() - start, words)
        });
        assert_eq!(took, Duration::from_secs(2));
        assert_eq!(words, ["hello", "world"]);
    }

    #[test]
    fn ten_thousand_sleeps_wake_in_deadline_order() {
        let order = Rc::new(RefCell::new(Vec::new()));
        let theirs = Rc::clone(&order);
        let took = paused_loop().run(async move {
            let start = now();
            // Spawned in a scrambled order; they must wake sorted by deadline.
            let handles: Vec<_> = (0..10_000u64)
                .map(|n| (n * 7919) % 10_000)
                .map(|ms| {
                    let order = Rc::clone(&theirs);
                    spawn(async move {
                        sleep(Duration::from_millis(ms)).await;
                        order.borrow_mut().push(ms);
                    })
                })
                .collect();
            for handle in handles {
                handle.await.unwrap();
            }
            now() - start
        });
        let order = order.borrow();
        assert!(order.windows(2).all(|pair| pair[0] <= pair[1]));
        assert_eq!(order.len(), 10_000);
        assert_eq!(took, Duration::from_millis(9_999));
    }

    #[test]
    fn a_zero_sleep_is_ready_at_once() {
        let took = paused_loop().run(async {
            let start = now();
            sleep(Duration::ZERO).await;
            now() - start
        });
        assert_eq!(took, Duration::ZERO);
    }

    #[test]
    fn call_later_runs_callbacks_by_deadline_not_by_order_set() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let note = |what: &'static str| {
            let log = Rc::clone(&log);
            move || log.borrow_mut().push((what, now()))
        };
        let start = paused_loop().run(async {
            let start = now();
            call_later(Duration::from_millis(300), note("third"));
            call_later(Duration::from_millis(100), note("first"));
            call_later(Duration::from_millis(200), note("second"));
            call_later(Duration::from_millis(100), note("first, tie, set later"));
            crate::callbacks::call_soon(note("soon"));
            sleep(Duration::from_secs(1)).await;
            start
        });
        let seen: Vec<_> = log
            .borrow()
            .iter()
            .map(|(what, at)| (*what, (*at - start).as_millis()))
            .collect();
        assert_eq!(
            seen,
            [
                ("soon", 0),
                ("first", 100),
                ("first, tie, set later", 100),
                ("second", 200),
                ("third", 300)
            ]
        );
    }

    #[test]
    fn an_idle_loop_with_one_timer_sleeps_in_the_os() {
        // The one test on the real clock: what it measures is how the loop waits.
        let event_loop = EventLoop::with_driver(TimerDriver::new(ThreadParker::new()));
        let wait = Duration::from_millis(300);
        let (cpu, wall) = event_loop.run(async {
            let (cpu_before, start) = (thread_cpu_time(), Instant::now());
            sleep(wait).await;
            let cpu = thread_cpu_time().and_then(|after| Ok(after - cpu_before?));
            (cpu, start.elapsed())
        });
        assert!(wall >= wait, "woke early: {wall:?}");
        // A spinning loop would burn the whole 300 ms; a sleeping one, almost none.
        if let Ok(cpu) = cpu {
            assert!(cpu < Duration::from_millis(50), "used {cpu:?} of CPU");
        }
    }
}
