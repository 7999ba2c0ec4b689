//! Step 6, first half: the reactor, readiness from the OS as a driver.
//!
//! asyncio's loop owns a *selector* (epoll on Linux, kqueue on macOS). A socket
//! operation that would block registers "call me when this socket is readable",
//! and each turn the loop waits in `selector.select(timeout)`, the one blocking
//! call of the whole loop. [`Reactor`] is that selector, from the `mio` crate, as
//! a [`Driver`]: its `park` is the `select`, and each event wakes the tasks that
//! wait on that socket.
//!
//! mio registers sockets *edge-triggered*: the OS reports a change once (new data
//! arrived, buffer space freed), not "still readable" on every wait. That is why a
//! task must try until `WouldBlock` before waiting, and why waiting after a
//! `WouldBlock` cannot miss an event: any later change is a new edge.
//!
//! It is also what makes the fast path possible: the reactor *remembers* what the
//! last edges said, so an operation that is sure to fail with `WouldBlock` is not
//! even tried. That saves a system call per read (see "Making it fast").

use std::cell::RefCell;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use mio::{Events, Interest, Token};

use crate::event_loop::{Driver, Entrance, EventLoop, lock};
use crate::timer::TimerDriver;
use crate::trace::{self, Cause};

/// The token of the `mio::Waker` that cuts a wait short from another thread.
const WAKE_TOKEN: Token = Token(usize::MAX);

// ANCHOR: reactor
/// The OS event queue, and who waits on each source in it.
pub struct Reactor {
    poll: mio::Poll,
    events: Events,
    sources: Arc<Sources>,
    unpark: Arc<mio::Waker>,
}

/// Every registered socket or pipe, by token; shared with the sockets, which add
/// and remove themselves. It is `Sync` (an `Arc`, and a `Mutex` around the table)
/// so that step 10's workers can share one reactor: a socket made on one worker
/// thread is woken by whichever worker waits in epoll.
struct Sources {
    registry: mio::Registry,
    slots: Mutex<Slots>,
    /// Skip operations the reactor knows would block (the fast path).
    remember_readiness: bool,
}

#[derive(Default)]
struct Slots {
    states: Vec<Option<Arc<IoState>>>,
    free: Vec<usize>,
}

/// One source: what the last events said, and at most one reader and one writer
/// waiting, like a Python selector's `EVENT_READ` and `EVENT_WRITE` callbacks.
#[derive(Default)]
struct IoState {
    /// Behind one lock, because the reactor may set "ready" on one thread while a
    /// task decides "not ready, wait" on another: deciding and storing the waker
    /// under the same lock is what makes a lost wake-up impossible.
    halves: Mutex<[Half; 2]>,
}

/// One direction of a source (read or write).
#[derive(Default)]
struct Half {
    /// The last edge said ready, and no operation has said `WouldBlock` since.
    ready: bool,
    /// The peer hung up (or the socket failed) in that direction. No edge comes
    /// after that one, so the readiness cache must never forget it: a short read
    /// may have taken the last bytes while the end of stream still waits behind.
    closed: bool,
    /// How many edges came: an operation that saw `WouldBlock` waits only if no
    /// edge came while it ran (on another thread, the reactor may be handing one
    /// out at that very moment).
    edges: u64,
    waiter: Option<Waker>,
}

impl Driver for Reactor {
    fn park(&mut self, timeout: Option<Duration>) -> usize {
        if let Err(error) = self.poll.poll(&mut self.events, timeout) {
            // A signal interrupted the wait: a turn with no events.
            if error.kind() != io::ErrorKind::Interrupted {
                panic!("the OS event queue (epoll) failed: {error}");
            }
        }
        let mut woken = 0;
        trace::waking_because(Cause::Io, || {
            for event in &self.events {
                // The wake token only cut the wait short; its work is queued.
                let Some(state) = self.sources.get(event.token()) else {
                    continue;
                };
                // An error or a hang-up must reach both sides: their next read or
                // write returns it, instead of waiting for ever.
                let failed = event.is_error();
                let read = event.is_readable() || event.is_read_closed() || failed;
                let write = event.is_writable() || event.is_write_closed() || failed;
                let (reader, writer) = {
                    let mut halves = lock(&state.halves);
                    let [r, w] = &mut *halves;
                    (
                        read.then(|| r.edge(event.is_read_closed() || failed)),
                        write.then(|| w.edge(event.is_write_closed() || failed)),
                    )
                };
                // Woken outside the lock: a waker is code we do not control.
                for waiter in [reader, writer].into_iter().flatten().flatten() {
                    waiter.wake();
                    woken += 1;
                }
            }
        });
        woken
    }

    fn unparker(&self) -> Waker {
        Waker::from(Arc::new(Unparker(Arc::clone(&self.unpark))))
    }

    fn entrance(&self) -> Entrance {
        let sources = Arc::clone(&self.sources);
        Arc::new(move || {
            let previous = CURRENT.with(|current| current.replace(Some(Arc::clone(&sources))));
            Box::new(Entered(previous))
        })
    }
}

impl Half {
    /// An edge came: remember it, and hand back the waiting task's waker.
    fn edge(&mut self, closed: bool) -> Option<Waker> {
        self.closed |= closed;
        self.ready = true;
        self.edges += 1;
        self.waiter.take()
    }
}
// ANCHOR_END: reactor

impl Reactor {
    /// A reactor with the fast path on.
    pub fn new() -> io::Result<Self> {
        Self::build(true)
    }

    /// A reactor that tries every operation, even one the last events say would
    /// block: the "before" of the "Making it fast" section.
    pub fn without_readiness_cache() -> io::Result<Self> {
        Self::build(false)
    }

    fn build(remember_readiness: bool) -> io::Result<Self> {
        let poll = mio::Poll::new()?;
        let unpark = Arc::new(mio::Waker::new(poll.registry(), WAKE_TOKEN)?);
        let sources = Arc::new(Sources {
            registry: poll.registry().try_clone()?,
            slots: Mutex::default(),
            remember_readiness,
        });
        Ok(Reactor {
            poll,
            events: Events::with_capacity(1024),
            sources,
            unpark,
        })
    }
}

/// Wakes the reactor's `poll` from another thread (an eventfd write on Linux).
struct Unparker(Arc<mio::Waker>);

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // It cannot fail while the reactor exists; if it did, the loop would
        // still wake at its next timer or IO event.
        let _ = self.0.wake();
    }
}

// ANCHOR: new_event_loop
/// The whole loop: tasks, timers, IO. `asyncio.new_event_loop()`.
pub fn new_event_loop() -> io::Result<EventLoop> {
    Ok(EventLoop::with_driver(TimerDriver::new(Reactor::new()?)))
}
// ANCHOR_END: new_event_loop

/// The whole loop on a paused clock, for tests of timing.
pub fn new_event_loop_paused() -> io::Result<EventLoop> {
    Ok(EventLoop::with_driver(TimerDriver::paused(Reactor::new()?)))
}

/// The whole loop without the fast path, for the benchmark's "before".
pub fn new_event_loop_without_readiness_cache() -> io::Result<EventLoop> {
    Ok(EventLoop::with_driver(TimerDriver::new(
        Reactor::without_readiness_cache()?,
    )))
}

thread_local! {
    /// The reactor of the loop running on this thread.
    static CURRENT: RefCell<Option<Arc<Sources>>> = const { RefCell::new(None) };
}

/// Puts back the reactor that was current before [`Reactor::enter`].
struct Entered(Option<Arc<Sources>>);

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|current| current.replace(previous));
    }
}

impl Sources {
    fn get(&self, token: Token) -> Option<Arc<IoState>> {
        lock(&self.slots).states.get(token.0)?.clone()
    }
}

// ANCHOR: registration
/// A source's membership in the loop's reactor; owned by the socket.
pub struct Registration {
    token: Token,
    state: Arc<IoState>,
    sources: Arc<Sources>,
    /// The edge count each direction's last operation started from, for
    /// [`Registration::drained`].
    started_at: [AtomicU64; 2],
}

/// Which half of a socket a task waits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Read = 0,
    Write = 1,
}

impl Registration {
    /// Register `source` with the running loop's reactor, for both directions,
    /// once, for its whole life.
    pub fn new(source: &mut impl mio::event::Source) -> io::Result<Self> {
        let sources = CURRENT
            .with(|current| current.borrow().clone())
            .ok_or_else(|| {
                io::Error::other(
                    "no reactor here: sockets need a running loop with a Reactor \
                 (ch05_event_loop::new_event_loop() has one)",
                )
            })?;
        // Ready until the OS says otherwise: the first operation is tried.
        let ready = || Half {
            ready: true,
            ..Half::default()
        };
        let state = Arc::new(IoState {
            halves: Mutex::new([ready(), ready()]),
        });
        let slot = {
            let mut slots = lock(&sources.slots);
            let slot = slots.free.pop().unwrap_or(slots.states.len());
            if slot == slots.states.len() {
                slots.states.push(None);
            }
            slots.states[slot] = Some(Arc::clone(&state));
            slot
        };
        let token = Token(slot);
        if let Err(error) =
            sources
                .registry
                .register(source, token, Interest::READABLE | Interest::WRITABLE)
        {
            sources.free_slot(slot);
            return Err(error);
        }
        Ok(Registration {
            token,
            state,
            sources,
            started_at: Default::default(),
        })
    }

    /// Try `op`; if the OS says `WouldBlock`, leave our waker for `direction`
    /// and return `Pending`. This is the whole contract between sockets and loop.
    pub fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
        mut op: impl FnMut() -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        let side = direction as usize;
        loop {
            let edges = {
                let mut halves = lock(&self.state.halves);
                let half = &mut halves[side];
                // ANCHOR: fast_path
                // The fast path: the last edge said "not ready", so the system call
                // would only say `WouldBlock` again. Wait for the next edge instead.
                if self.sources.remember_readiness && !half.ready {
                    store_waker(&mut half.waiter, cx.waker());
                    return Poll::Pending;
                }
                // ANCHOR_END: fast_path
                half.edges
            };
            self.started_at[side].store(edges, Ordering::Relaxed);
            match op() {
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    let mut halves = lock(&self.state.halves);
                    let half = &mut halves[side];
                    // An edge came while we tried (the reactor runs on another
                    // thread in step 10): it may be the one that makes `op` work.
                    if half.edges != edges {
                        continue;
                    }
                    half.ready = false;
                    store_waker(&mut half.waiter, cx.waker());
                    return Poll::Pending;
                }
                // A signal cut the system call short; nothing happened, try again.
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                result => return Poll::Ready(result),
            }
        }
    }

    /// Note that the last operation in `direction` drained the socket (a read
    /// that filled less than its buffer), so that the next one waits for an edge
    /// instead of asking the OS. tokio does the same.
    pub fn drained(&self, direction: Direction) {
        let side = direction as usize;
        let mut halves = lock(&self.state.halves);
        let half = &mut halves[side];
        // After a hang-up, the next call must go to the OS: it returns the end of
        // stream (or the error), and no later edge would ever say so. And an edge
        // that came after the operation started is news the operation never saw.
        if !half.closed && half.edges == self.started_at[side].load(Ordering::Relaxed) {
            half.ready = false;
        }
    }
}

fn store_waker(slot: &mut Option<Waker>, waker: &Waker) {
    // Keep the stored one if it wakes the same task: cloning is not free.
    if !slot.as_ref().is_some_and(|stored| stored.will_wake(waker)) {
        *slot = Some(waker.clone());
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        // Closing the socket removes it from epoll; we only free our slot.
        self.sources.free_slot(self.token.0);
    }
}

impl Sources {
    fn free_slot(&self, slot: usize) {
        let mut slots = lock(&self.slots);
        if let Some(state) = slots.states.get_mut(slot) {
            *state = None;
            slots.free.push(slot);
        }
    }
}
// ANCHOR_END: registration

/// How many sockets and pipes the running loop's reactor watches.
pub fn registered_sources() -> usize {
    CURRENT.with(|current| {
        current.borrow().as_ref().map_or(0, |sources| {
            lock(&sources.slots)
                .states
                .iter()
                .filter(|slot| slot.is_some())
                .count()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block_on::FromThread;
    use crate::timer::{now, sleep};

    #[test]
    fn a_wake_from_another_thread_cuts_the_os_wait_short() {
        // No socket, no timer: the loop waits in epoll with no timeout, and only
        // the eventfd write of the thread's wake-up can end that wait.
        let value = new_event_loop().unwrap().run(FromThread::spawn(|| {
            std::thread::sleep(Duration::from_millis(20));
            "woken"
        }));
        assert_eq!(value, "woken");
    }

    #[test]
    fn timers_work_on_the_reactor_too() {
        let took = new_event_loop_paused().unwrap().run(async {
            let start = now();
            sleep(Duration::from_secs(5)).await;
            now() - start
        });
        assert_eq!(took, Duration::from_secs(5));
    }

    #[test]
    fn a_socket_outside_a_loop_is_a_clear_error() {
        let mut socket = mio::net::TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let error = Registration::new(&mut socket).err().unwrap();
        assert!(error.to_string().contains("no reactor here"), "{error}");
    }
}
