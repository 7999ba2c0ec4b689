//! WRONG: jumps the paused clock to the next timer even while tasks are ready
//!
//! Step 4: timers, and a loop that sleeps until the next deadline.
//!
//! `asyncio.sleep(1)` pushes a timer on `loop._scheduled`, a heap ordered by
//! deadline; each turn the loop waits in the OS no longer than the earliest
//! deadline, then wakes whoever's deadline has passed. A [`TimerDriver`] is that,
//! wrapped around another driver: step 2's loop does not change.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::spawn::Driver;

/// The timer heap and the clock it is read by.
pub struct Timers {
    /// `Reverse` makes std's max-heap a min-heap: the top is the earliest.
    heap: BinaryHeap<Reverse<Timer>>,
    /// Ties between equal deadlines: first set, first fired.
    next_seq: u64,
    clock: Clock,
}

struct Timer {
    deadline: Instant,
    seq: u64,
    waker: Waker,
}

impl Timers {
    /// Remember to wake `waker` at `deadline`.
    pub fn add(&mut self, deadline: Instant, waker: Waker) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Reverse(Timer {
            deadline,
            seq,
            waker,
        }));
    }

    /// Take out every timer due at `now` (deadline <= now), earliest first, and
    /// return their wakers (the caller wakes them, outside any borrow).
    pub fn take_due(&mut self, now: Instant) -> Vec<Waker> {
        let mut due = Vec::new();
        while let Some(Reverse(timer)) = self.heap.peek() {
            if timer.deadline > now {
                break;
            }
            if let Some(Reverse(timer)) = self.heap.pop() {
                due.push(timer.waker);
            }
        }
        due
    }

    /// The earliest deadline, if any.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse(timer)| timer.deadline)
    }
}

// The heap's order: by deadline, then by the order set.
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

/// The loop's clock: the real one, or a paused one for tests, which only moves
/// when the driver moves it.
pub enum Clock {
    Real,
    Paused(Cell<Instant>),
}

impl Clock {
    pub fn now(&self) -> Instant {
        match self {
            Clock::Real => Instant::now(),
            Clock::Paused(now) => now.get(),
        }
    }
}

/// A driver that adds timers to another driver.
pub struct TimerDriver<D> {
    inner: D,
    timers: Rc<RefCell<Timers>>,
}

impl<D: Driver> TimerDriver<D> {
    /// Timers on the real clock.
    pub fn new(inner: D) -> Self {
        Self::with_clock(inner, Clock::Real)
    }

    /// Timers on a paused clock: when nothing is ready, the clock jumps to the
    /// next deadline instead of the thread sleeping until it.
    pub fn paused(inner: D) -> Self {
        Self::with_clock(inner, Clock::Paused(Cell::new(Instant::now())))
    }

    fn with_clock(inner: D, clock: Clock) -> Self {
        let timers = Timers {
            heap: BinaryHeap::new(),
            next_seq: 0,
            clock,
        };
        TimerDriver {
            inner,
            timers: Rc::new(RefCell::new(timers)),
        }
    }
}

impl<D: Driver> Driver for TimerDriver<D> {
    fn park(&mut self, timeout: Option<Duration>) {
        let next = self.timers.borrow().next_deadline();
        let paused = match &self.timers.borrow().clock {
            Clock::Paused(now) => Some(now.get()),
            Clock::Real => None,
        };
        match (paused, next) {
            // Nothing ready, a paused clock and a timer: jump the clock to it.
            (Some(_), Some(deadline)) => {
                let _ = timeout;
                self.inner.park(Some(Duration::ZERO));
                if let Clock::Paused(now) = &self.timers.borrow().clock {
                    now.set(now.get().max(deadline));
                }
            }
            (_, None) => self.inner.park(timeout),
            // The real clock: wait no longer than the next deadline.
            (None, Some(deadline)) => {
                let until = deadline.saturating_duration_since(Instant::now());
                let timeout = Some(timeout.map_or(until, |asked| asked.min(until)));
                self.inner.park(timeout);
            }
        }
        let due = {
            let mut timers = self.timers.borrow_mut();
            let now = timers.clock.now();
            timers.take_due(now)
        };
        for waker in due {
            waker.wake();
        }
    }

    fn unparker(&self) -> Waker {
        self.inner.unparker()
    }

    fn enter(&self) -> Box<dyn Any> {
        let inner = self.inner.enter();
        let previous = CURRENT.with(|current| current.replace(Some(Rc::clone(&self.timers))));
        Box::new((Entered(previous), inner))
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<RefCell<Timers>>>> = const { RefCell::new(None) };
}

struct Entered(Option<Rc<RefCell<Timers>>>);

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|current| current.replace(previous));
    }
}

/// Run `f` with the running loop's timers; a clear panic if it has none.
pub fn with_timers<R>(f: impl FnOnce(&mut Timers) -> R) -> R {
    CURRENT.with(|current| {
        let current = current.borrow();
        let timers = current
            .as_ref()
            .expect("no timers here: run this on an EventLoop built with a TimerDriver");
        f(&mut timers.borrow_mut())
    })
}

/// The running loop's clock: `loop.time()`.
pub fn now() -> Instant {
    with_timers(|timers| timers.clock.now())
}

/// Wait until `duration` has passed: `await asyncio.sleep(duration)`. The
/// deadline is fixed now, when `sleep` is called, not when it is first polled.
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        deadline: now() + duration,
        registered: None,
    }
}

/// The future returned by [`sleep`].
pub struct Sleep {
    deadline: Instant,
    /// The waker our heap entry will wake (so the same task does not add two).
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
            let deadline = self.deadline;
            with_timers(|timers| timers.add(deadline, cx.waker().clone()));
            self.registered = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}
