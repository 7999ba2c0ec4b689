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

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::io;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use mio::{Events, Interest, Token};

use crate::event_loop::{Driver, EventLoop};
use crate::timer::TimerDriver;
use crate::trace::{self, Cause};

/// The token of the `mio::Waker` that cuts a wait short from another thread.
const WAKE_TOKEN: Token = Token(usize::MAX);

// ANCHOR: reactor
/// The OS event queue, and who waits on each source in it.
pub struct Reactor {
    poll: mio::Poll,
    events: Events,
    sources: Rc<Sources>,
    unpark: Arc<mio::Waker>,
}

/// Every registered socket or pipe, by token; shared with the sockets, which add
/// and remove themselves.
struct Sources {
    registry: mio::Registry,
    slots: RefCell<Vec<Option<Rc<IoState>>>>,
    free: RefCell<Vec<usize>>,
    /// Skip operations the reactor knows would block (the fast path).
    remember_readiness: bool,
}

/// One source: what the last events said, and at most one reader and one writer
/// waiting, like a Python selector's `EVENT_READ` and `EVENT_WRITE` callbacks.
#[derive(Default)]
struct IoState {
    readable: Cell<bool>,
    writable: Cell<bool>,
    /// The peer hung up (or the socket failed) in that direction. No edge comes after
    /// that one, so the readiness cache must never forget it: a short read may have
    /// taken the last bytes while the end of stream still waits behind them.
    read_closed: Cell<bool>,
    write_closed: Cell<bool>,
    reader: RefCell<Option<Waker>>,
    writer: RefCell<Option<Waker>>,
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
                if event.is_read_closed() || event.is_error() {
                    state.read_closed.set(true);
                }
                if event.is_write_closed() || event.is_error() {
                    state.write_closed.set(true);
                }
                if event.is_readable() || event.is_read_closed() || event.is_error() {
                    state.readable.set(true);
                    woken += wake(&state.reader);
                }
                if event.is_writable() || event.is_write_closed() || event.is_error() {
                    state.writable.set(true);
                    woken += wake(&state.writer);
                }
            }
        });
        woken
    }

    fn unparker(&self) -> Waker {
        Waker::from(Arc::new(Unparker(Arc::clone(&self.unpark))))
    }

    fn enter(&self) -> Box<dyn Any> {
        let previous = CURRENT.with(|current| current.replace(Some(Rc::clone(&self.sources))));
        Box::new(Entered(previous))
    }
}

fn wake(slot: &RefCell<Option<Waker>>) -> usize {
    let waker = slot.borrow_mut().take();
    waker.map(Waker::wake).map_or(0, |()| 1)
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
        let sources = Rc::new(Sources {
            registry: poll.registry().try_clone()?,
            slots: RefCell::default(),
            free: RefCell::default(),
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
    static CURRENT: RefCell<Option<Rc<Sources>>> = const { RefCell::new(None) };
}

/// Puts back the reactor that was current before [`Reactor::enter`].
struct Entered(Option<Rc<Sources>>);

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|current| current.replace(previous));
    }
}

impl Sources {
    fn get(&self, token: Token) -> Option<Rc<IoState>> {
        self.slots.borrow().get(token.0)?.clone()
    }
}

// ANCHOR: registration
/// A source's membership in the loop's reactor; owned by the socket.
pub struct Registration {
    token: Token,
    state: Rc<IoState>,
    sources: Rc<Sources>,
}

/// Which half of a socket a task waits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Read,
    Write,
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
        let slot = sources.free.borrow_mut().pop();
        let slot = slot.unwrap_or_else(|| {
            let mut slots = sources.slots.borrow_mut();
            slots.push(None);
            slots.len() - 1
        });
        let token = Token(slot);
        if let Err(error) =
            sources
                .registry
                .register(source, token, Interest::READABLE | Interest::WRITABLE)
        {
            sources.free.borrow_mut().push(slot);
            return Err(error);
        }
        // Ready until the OS says otherwise: the first operation is tried.
        let state = Rc::new(IoState {
            readable: Cell::new(true),
            writable: Cell::new(true),
            ..IoState::default()
        });
        sources.slots.borrow_mut()[slot] = Some(Rc::clone(&state));
        Ok(Registration {
            token,
            state,
            sources,
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
        let (ready, waiter) = match direction {
            Direction::Read => (&self.state.readable, &self.state.reader),
            Direction::Write => (&self.state.writable, &self.state.writer),
        };
        loop {
            // ANCHOR: fast_path
            // The fast path: the last edge said "not ready", so the system call
            // would only say `WouldBlock` again. Wait for the next edge instead.
            if self.sources.remember_readiness && !ready.get() {
                store_waker(waiter, cx.waker());
                return Poll::Pending;
            }
            // ANCHOR_END: fast_path
            match op() {
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    ready.set(false);
                    store_waker(waiter, cx.waker());
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
        // After a hang-up, the next call must go to the OS: it returns the end of
        // stream (or the error), and no later edge would ever say so.
        match direction {
            Direction::Read if !self.state.read_closed.get() => self.state.readable.set(false),
            Direction::Write if !self.state.write_closed.get() => self.state.writable.set(false),
            _ => {}
        }
    }
}

fn store_waker(slot: &RefCell<Option<Waker>>, waker: &Waker) {
    let mut slot = slot.borrow_mut();
    // Keep the stored one if it wakes the same task: cloning is not free.
    if !slot.as_ref().is_some_and(|stored| stored.will_wake(waker)) {
        *slot = Some(waker.clone());
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        // Closing the socket removes it from epoll; we only free our slot.
        let mut slots = self.sources.slots.borrow_mut();
        if let Some(slot) = slots.get_mut(self.token.0) {
            *slot = None;
            self.sources.free.borrow_mut().push(self.token.0);
        }
    }
}
// ANCHOR_END: registration

/// How many sockets and pipes the running loop's reactor watches.
pub fn registered_sources() -> usize {
    CURRENT.with(|current| {
        current.borrow().as_ref().map_or(0, |sources| {
            sources
                .slots
                .borrow()
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
