//! Given: the reactor of step 5 and the timers of step 4, for many threads.
//!
//! On one thread, step 5's reactor and step 4's timer heap sat in `Rc<RefCell<_>>`:
//! only the loop's thread ever touched them. With many workers, any worker adds a
//! timer or registers a socket while another one waits in the OS, so three things
//! change, and this file is those three things:
//!
//! - what is shared is behind `Arc` and `Mutex`, and reached from any thread through
//!   a [`Handle`];
//! - a socket counts its readiness events. On one thread the reactor could not run
//!   between a task's `WouldBlock` and the moment it stored its waker; here it can,
//!   on another worker, and the edge it reports would find no waker and be lost for
//!   good (mio is edge-triggered). [`Registration::poll_io`] compares the count before
//!   the try and after it, and tries again if an event came in between;
//! - a timer earlier than the deadline the waiting worker sleeps until wakes that
//!   worker, which then waits again with the new, shorter timeout.
//!
//! The runtime owns one [`Driver`] behind a `Mutex`. Whichever worker has nothing to
//! do takes it (`try_lock`) and waits in it, through its [`Parker`]; the others park
//! on their own. A busy worker takes it now and then to look without waiting
//! (`park(Some(Duration::ZERO))`), so that timers and sockets are served even when no
//! worker is idle.
//!
//! [`Parker`]: crate::parker::Parker

use std::cell::RefCell;
use std::cmp::{Ordering as Order, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use mio::{Events, Interest, Token};

use crate::spawn::lock;

/// The token of the waker that cuts a wait short from another thread.
const WAKE_TOKEN: Token = Token(usize::MAX);

/// The OS event queue and the timer heap: what an idle worker waits on. One per
/// runtime, behind a `Mutex`: one worker at a time waits in it.
pub struct Driver {
    poll: mio::Poll,
    events: Events,
    handle: Handle,
}

/// The driver's shared half: register a socket, add a timer, or wake the worker
/// that waits in the driver, from any thread. Cheap to clone.
#[derive(Clone)]
pub struct Handle {
    inner: Arc<Inner>,
}

struct Inner {
    registry: mio::Registry,
    /// Makes the waiting worker's `epoll_wait` return (an eventfd on Linux).
    waker: mio::Waker,
    sources: Mutex<Sources>,
    timers: Mutex<Timers>,
    /// How many times a worker waited in the driver (looks without waiting are not
    /// counted): the tests check that an idle runtime does not keep coming back.
    waits: AtomicU64,
}

/// The sockets registered with the driver, by token.
#[derive(Default)]
struct Sources {
    by_token: HashMap<Token, Arc<Mutex<Readiness>>>,
    next_token: usize,
}

/// One socket's events so far, and who waits on it (at most one reader, one writer).
#[derive(Default)]
struct Readiness {
    read_events: u64,
    write_events: u64,
    reader: Option<Waker>,
    writer: Option<Waker>,
}

impl Readiness {
    fn events(&self, direction: Direction) -> u64 {
        match direction {
            Direction::Read => self.read_events,
            Direction::Write => self.write_events,
        }
    }

    fn waiter(&mut self, direction: Direction) -> &mut Option<Waker> {
        match direction {
            Direction::Read => &mut self.reader,
            Direction::Write => &mut self.writer,
        }
    }
}

/// Step 4's heap, and how long the waiting worker (if any) means to wait.
struct Timers {
    /// `Reverse` makes std's max-heap a min-heap: the top is the earliest.
    heap: BinaryHeap<Reverse<Timer>>,
    next_seq: u64,
    /// `Some(until)` while a worker waits in the driver: until that instant, or, for
    /// `Some(None)`, until something wakes it.
    waiting_until: Option<Option<Instant>>,
}

struct Timer {
    deadline: Instant,
    /// Ties between equal deadlines: first set, first fired.
    seq: u64,
    waker: Waker,
}

impl Ord for Timer {
    fn cmp(&self, other: &Self) -> Order {
        (self.deadline, self.seq).cmp(&(other.deadline, other.seq))
    }
}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Order> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Order::Equal
    }
}

impl Eq for Timer {}

impl Driver {
    pub fn new() -> io::Result<Driver> {
        let poll = mio::Poll::new()?;
        let inner = Inner {
            registry: poll.registry().try_clone()?,
            waker: mio::Waker::new(poll.registry(), WAKE_TOKEN)?,
            sources: Mutex::default(),
            timers: Mutex::new(Timers {
                heap: BinaryHeap::new(),
                next_seq: 0,
                waiting_until: None,
            }),
            waits: AtomicU64::new(0),
        };
        Ok(Driver {
            poll,
            events: Events::with_capacity(1024),
            handle: Handle {
                inner: Arc::new(inner),
            },
        })
    }

    pub fn handle(&self) -> Handle {
        self.handle.clone()
    }

    /// Wait for socket events for at most `timeout` (`None`: until something comes;
    /// `Some(Duration::ZERO)`: only look), never past the next timer; then wake the
    /// tasks whose sockets are ready and whose timers are due.
    ///
    /// The wakers run on the calling thread: a worker's, so the tasks they wake go to
    /// that worker's queue.
    pub fn park(&mut self, timeout: Option<Duration>) {
        let inner = &self.handle.inner;
        let now = Instant::now();
        let timeout = {
            let mut timers = lock(&inner.timers);
            let next = timers.heap.peek().map(|Reverse(timer)| timer.deadline);
            let until_next = next.map(|deadline| deadline.saturating_duration_since(now));
            let timeout = match (timeout, until_next) {
                (Some(asked), Some(until)) => Some(asked.min(until)),
                (asked, until) => asked.or(until),
            };
            if timeout != Some(Duration::ZERO) {
                timers.waiting_until = Some(timeout.map(|timeout| now + timeout));
                inner.waits.fetch_add(1, Ordering::Relaxed);
            }
            timeout
        };
        if let Err(error) = self.poll.poll(&mut self.events, timeout) {
            // A signal cut the wait short: a turn with no events.
            if error.kind() != io::ErrorKind::Interrupted {
                panic!("the OS event queue failed: {error}");
            }
        }
        let mut woken = Vec::new();
        {
            let sources = lock(&inner.sources);
            for event in &self.events {
                let Some(readiness) = sources.by_token.get(&event.token()) else {
                    continue; // the wake token, or a socket already closed
                };
                let mut readiness = lock(readiness);
                // A hang-up or an error must reach both sides, or they would wait
                // for ever: their next read or write returns it.
                if event.is_readable() || event.is_read_closed() || event.is_error() {
                    readiness.read_events += 1;
                    woken.extend(readiness.reader.take());
                }
                if event.is_writable() || event.is_write_closed() || event.is_error() {
                    readiness.write_events += 1;
                    woken.extend(readiness.writer.take());
                }
            }
        }
        {
            let mut timers = lock(&inner.timers);
            timers.waiting_until = None;
            let now = Instant::now();
            while let Some(Reverse(timer)) = timers.heap.peek() {
                if timer.deadline > now {
                    break;
                }
                if let Some(Reverse(timer)) = timers.heap.pop() {
                    woken.push(timer.waker);
                }
            }
        }
        // Outside the locks: a waker may register again at once.
        for waker in woken {
            waker.wake();
        }
    }
}

impl Handle {
    /// Make the worker that waits in the driver return from `park` now (if none
    /// waits, the next `park` returns at once).
    pub fn unpark(&self) {
        // Fails only if the eventfd cannot be written, which a live driver rules out.
        let _ = self.inner.waker.wake();
    }

    /// How many times a worker has waited in the driver (not counting looks).
    pub fn waits(&self) -> u64 {
        self.inner.waits.load(Ordering::Relaxed)
    }

    /// Wake `waker` at `deadline`.
    fn add_timer(&self, deadline: Instant, waker: Waker) {
        let mut timers = lock(&self.inner.timers);
        let seq = timers.next_seq;
        timers.next_seq += 1;
        timers.heap.push(Reverse(Timer {
            deadline,
            seq,
            waker,
        }));
        // A worker waiting past this deadline must wait again, for less.
        let sooner = match timers.waiting_until {
            Some(None) => true,
            Some(Some(until)) => deadline < until,
            None => false,
        };
        drop(timers);
        if sooner {
            self.unpark();
        }
    }

    /// Make this driver the one that `sleep` and the sockets on this thread use,
    /// until the returned guard is dropped.
    pub fn enter(&self) -> Entered {
        let previous = CURRENT.with(|current| current.replace(Some(self.clone())));
        Entered(previous)
    }

    /// The driver entered on this thread.
    pub fn current() -> io::Result<Handle> {
        CURRENT
            .with(|current| current.borrow().clone())
            .ok_or_else(|| {
                io::Error::other("no runtime here: call this inside Runtime::block_on or a task")
            })
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Handle>> = const { RefCell::new(None) };
}

/// Returned by [`Handle::enter`]: puts the previous driver back when dropped.
pub struct Entered(Option<Handle>);

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|current| current.replace(previous));
    }
}

/// Which half of a socket a task waits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Read,
    Write,
}

/// A socket's membership in the driver; owned by the socket.
pub struct Registration {
    token: Token,
    readiness: Arc<Mutex<Readiness>>,
    handle: Handle,
}

impl Registration {
    /// Register `source` with the current thread's driver, for both directions,
    /// once for its whole life.
    pub fn new(source: &mut impl mio::event::Source) -> io::Result<Self> {
        let handle = Handle::current()?;
        let readiness = Arc::new(Mutex::new(Readiness::default()));
        let token = {
            let mut sources = lock(&handle.inner.sources);
            let token = Token(sources.next_token);
            sources.next_token += 1;
            sources.by_token.insert(token, Arc::clone(&readiness));
            token
        };
        let registered =
            handle
                .inner
                .registry
                .register(source, token, Interest::READABLE | Interest::WRITABLE);
        let registration = Registration {
            token,
            readiness,
            handle,
        };
        registered.map(|()| registration)
    }

    /// Try `op`; on `WouldBlock`, leave the waker for `direction` and return
    /// `Pending`, unless an event came during the try (then try again).
    pub fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
        mut op: impl FnMut() -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        loop {
            let before = lock(&self.readiness).events(direction);
            match op() {
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    let mut readiness = lock(&self.readiness);
                    if readiness.events(direction) != before {
                        // The socket became ready after `op` looked and before we
                        // got here: that edge will not come again. Look again.
                        continue;
                    }
                    // Any later event takes this lock after us, and finds the waker.
                    *readiness.waiter(direction) = Some(cx.waker().clone());
                    return Poll::Pending;
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                result => return Poll::Ready(result),
            }
        }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        // Closing the socket takes it out of epoll; we forget its entry (and the
        // wakers in it).
        lock(&self.handle.inner.sources)
            .by_token
            .remove(&self.token);
    }
}

/// Wait until `duration` has passed: `await asyncio.sleep(duration)`. The deadline
/// is fixed when `sleep` is called. Panics outside a runtime, like asyncio's
/// "no running event loop".
pub fn sleep(duration: Duration) -> Sleep {
    let handle = Handle::current().unwrap_or_else(|error| panic!("sleep: {error}"));
    Sleep {
        deadline: Instant::now() + duration,
        handle,
        registered: None,
    }
}

/// The future returned by [`sleep`].
pub struct Sleep {
    deadline: Instant,
    handle: Handle,
    /// The waker our heap entry will wake (so the same task does not add two).
    registered: Option<Waker>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        let known = self
            .registered
            .as_ref()
            .is_some_and(|waker| waker.will_wake(cx.waker()));
        if !known {
            self.handle.add_timer(self.deadline, cx.waker().clone());
            self.registered = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}
