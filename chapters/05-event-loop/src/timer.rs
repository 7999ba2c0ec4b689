//! Step 4: timers, and a loop that sleeps instead of spinning.
//!
//! `asyncio.sleep(1)` makes a future and a `TimerHandle` that completes it, and
//! pushes the handle on `loop._scheduled`, a heap ordered by deadline. Each turn,
//! the loop asks the heap "when is the next deadline?" and passes the answer to
//! the OS as the timeout of its IO wait. So an idle loop is a thread asleep in the
//! kernel: it costs no CPU until a socket is ready or the first timer is due.
//!
//! Ours is the same: [`Timers`] is a `BinaryHeap`, [`Sleep`] registers its task's
//! waker there, and [`Core::wait_for_work`](crate::event_loop) turns the earliest
//! deadline into the timeout given to `epoll_wait`.

use std::cell::Cell;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::event_loop::{Core, Job, with_core};

// ANCHOR: timers
/// The timer heap: asyncio's `loop._scheduled`.
#[derive(Default)]
pub(crate) struct Timers {
    /// `Reverse` turns std's max-heap into a min-heap: the top is the earliest.
    heap: BinaryHeap<Reverse<Timer>>,
    /// Breaks ties between equal deadlines: first set, first fired.
    next_seq: u64,
}

struct Timer {
    deadline: Instant,
    seq: u64,
    action: TimerAction,
}

/// What a timer does when it fires.
pub(crate) enum TimerAction {
    /// Wake a task (a [`Sleep`]).
    Wake(Waker),
    /// Queue a callback (`call_later`).
    Call(Box<dyn FnOnce() + Send>),
}

impl Timers {
    pub(crate) fn add(&mut self, deadline: Instant, action: TimerAction) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Reverse(Timer {
            deadline,
            seq,
            action,
        }));
    }

    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse(timer)| timer.deadline)
    }

    /// The earliest timer, if it is due by `now`.
    fn pop_due(&mut self, now: Instant) -> Option<TimerAction> {
        if self.next_deadline()? > now {
            return None;
        }
        self.heap.pop().map(|Reverse(timer)| timer.action)
    }
}

impl Core {
    /// Move every due timer's work to the ready queue.
    pub(crate) fn fire_timers(&self) {
        let now = self.clock.now();
        loop {
            // One timer at a time, the borrow ending with the statement: firing
            // runs a waker, and a waker may add a timer.
            let due = self.timers.borrow_mut().pop_due(now);
            match due {
                Some(TimerAction::Wake(waker)) => waker.wake(),
                Some(TimerAction::Call(callback)) => self.shared.push(Job::Callback(callback)),
                None => break,
            }
        }
    }
}
// ANCHOR_END: timers

// A heap needs an order; ours is by deadline, then by the order set. The action
// takes no part (a closure cannot be compared).
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
            wake_at(self.deadline, cx.waker().clone());
            self.registered = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}
// ANCHOR_END: sleep

/// Ask the running loop to call `waker.wake()` at `deadline`.
pub fn wake_at(deadline: Instant, waker: Waker) {
    with_core(|core| {
        core.timers
            .borrow_mut()
            .add(deadline, TimerAction::Wake(waker))
    });
}

/// How many timers the running loop holds (fired ones are gone).
pub fn pending_timers() -> usize {
    with_core(|core| core.timers.borrow().heap.len())
}

/// The running loop's clock: `loop.time()`.
pub fn now() -> Instant {
    with_core(|core| core.clock.now())
}

// ANCHOR: clock
/// The loop's clock: the real one, or a paused one for tests.
pub(crate) struct Clock {
    /// `Some(now)` when paused: time moves only when the loop advances it.
    paused: Option<Cell<Instant>>,
}

impl Clock {
    pub(crate) fn real() -> Self {
        Clock { paused: None }
    }

    pub(crate) fn paused() -> Self {
        Clock {
            paused: Some(Cell::new(Instant::now())),
        }
    }

    pub(crate) fn now(&self) -> Instant {
        match &self.paused {
            Some(now) => now.get(),
            None => Instant::now(),
        }
    }

    pub(crate) fn is_paused(&self) -> bool {
        self.paused.is_some()
    }

    /// With nothing ready, a paused loop jumps to the next deadline instead of
    /// sleeping until it.
    pub(crate) fn advance_to(&self, deadline: Instant) {
        if let Some(now) = &self.paused {
            now.set(now.get().max(deadline));
        }
    }
}
// ANCHOR_END: clock

// ANCHOR: cpu_time
/// CPU time this thread has used so far, from Linux's `/proc/thread-self/schedstat`
/// (its first figure is nanoseconds spent running). Used to prove that a loop
/// waiting for a timer is asleep in the kernel, not spinning.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_loop::{EventLoop, spawn};

    async fn say_after(delay: Duration, what: &'static str) -> &'static str {
        sleep(delay).await;
        what
    }

    #[test]
    fn sequential_sleeps_add_up_to_three_seconds() {
        let event_loop = EventLoop::with_paused_clock().unwrap();
        let took = event_loop.run(async {
            let start = now();
            say_after(Duration::from_secs(1), "hello").await;
            say_after(Duration::from_secs(2), "world").await;
            now() - start
        });
        assert_eq!(took, Duration::from_secs(3));
    }

    #[test]
    fn concurrent_sleeps_take_as_long_as_the_longest_two_seconds() {
        let event_loop = EventLoop::with_paused_clock().unwrap();
        let (took, words) = event_loop.run(async {
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
        let event_loop = EventLoop::with_paused_clock().unwrap();
        let order = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let took = event_loop.run({
            let order = std::sync::Arc::clone(&order);
            async move {
                let start = now();
                // Spawned in a scrambled order; they must wake sorted by deadline.
                let handles: Vec<_> = (0..10_000u64)
                    .map(|n| (n * 7919) % 10_000)
                    .map(|ms| {
                        let order = std::sync::Arc::clone(&order);
                        spawn(async move {
                            sleep(Duration::from_millis(ms)).await;
                            order.lock().unwrap().push(ms);
                        })
                    })
                    .collect();
                for handle in handles {
                    handle.await.unwrap();
                }
                now() - start
            }
        });
        let order = order.lock().unwrap();
        assert!(order.windows(2).all(|pair| pair[0] <= pair[1]));
        assert_eq!(order.len(), 10_000);
        assert_eq!(took, Duration::from_millis(9_999));
    }

    #[test]
    fn a_zero_sleep_is_ready_at_once() {
        let event_loop = EventLoop::with_paused_clock().unwrap();
        let took = event_loop.run(async {
            let start = now();
            sleep(Duration::ZERO).await;
            now() - start
        });
        assert_eq!(took, Duration::ZERO);
    }

    #[test]
    fn an_idle_loop_with_one_timer_uses_almost_no_cpu() {
        // The one test on the real clock: what it measures is how the loop waits.
        let event_loop = EventLoop::new().unwrap();
        let wait = Duration::from_millis(300);
        let (cpu, wall) = event_loop.run(async {
            let (cpu_before, start) = (thread_cpu_time().unwrap(), Instant::now());
            sleep(wait).await;
            (thread_cpu_time().unwrap() - cpu_before, start.elapsed())
        });
        assert!(wall >= wait, "the timer fired early, after {wall:?}");
        // A spinning loop would burn the whole 300 ms; a sleeping one burns a few
        // microseconds. 15 ms (5%) leaves room for a slow, busy machine.
        assert!(
            cpu < Duration::from_millis(15),
            "the loop used {cpu:?} of CPU while waiting {wall:?} for one timer: it spins"
        );
    }
}
