//! Step 5, first half: the reactor, which turns "this socket is ready" into a wake-up.
//!
//! asyncio's `_run_once` calls `self._selector.select(timeout)` (epoll on Linux)
//! and, for each ready file descriptor, queues the callback waiting on it. The
//! reactor here does the same with [`mio`], a thin portable layer over epoll and
//! kqueue:
//!
//! - each socket is registered once, with a [`mio::Token`] that maps back to its
//!   [`IoState`]: the wakers of the task waiting to read and the task waiting to
//!   write;
//! - an IO operation is simply *tried* first ([`Registration::poll_io`]); only if
//!   the OS answers `WouldBlock` does the task leave its waker and return
//!   `Pending`;
//! - [`Reactor::poll`] waits for events and hands back the wakers to call.
//!
//! mio registers sockets *edge-triggered*: the OS reports a change once (new data
//! arrived, buffer space freed), not "still readable" on every poll. That is why a
//! task must try until `WouldBlock` before waiting, and it is why waiting after a
//! `WouldBlock` cannot miss an event: any later change is a new edge.

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use mio::{Events, Interest, Poll as OsPoll, Token};

use crate::event_loop::{try_with_core, with_core};
use crate::task::lock;

/// The token of the `mio::Waker` that interrupts a wait from another thread.
const WAKE_TOKEN: Token = Token(usize::MAX);

// ANCHOR: reactor
/// The OS event queue, and who is waiting on each source in it.
pub(crate) struct Reactor {
    poll: OsPoll,
    events: Events,
    sources: HashMap<Token, Arc<IoState>>,
    next_token: usize,
}

/// Who waits on one socket: at most one reader and one writer, like a Python
/// selector's `EVENT_READ` and `EVENT_WRITE` callbacks.
#[derive(Default)]
pub(crate) struct IoState {
    waiting: Mutex<Waiting>,
}

#[derive(Default)]
struct Waiting {
    reader: Option<Waker>,
    writer: Option<Waker>,
}

impl Reactor {
    pub(crate) fn new() -> io::Result<Self> {
        Ok(Reactor {
            poll: OsPoll::new()?,
            events: Events::with_capacity(1024),
            sources: HashMap::new(),
            next_token: 0,
        })
    }

    pub(crate) fn waker(&self) -> io::Result<mio::Waker> {
        mio::Waker::new(self.poll.registry(), WAKE_TOKEN)
    }

    /// Wait up to `timeout` (for ever if `None`) for IO events; return the wakers
    /// of the tasks they unblock.
    pub(crate) fn poll(&mut self, timeout: Option<Duration>) -> Vec<Waker> {
        if let Err(error) = self.poll.poll(&mut self.events, timeout) {
            // A signal interrupted the wait: just a turn with no events.
            if error.kind() != io::ErrorKind::Interrupted {
                panic!("the OS event queue (epoll) failed: {error}");
            }
        }
        let mut woken = Vec::new();
        for event in &self.events {
            // The wake token only interrupts the wait; its work is in the queue.
            let Some(state) = self.sources.get(&event.token()) else {
                continue;
            };
            let mut waiting = lock(&state.waiting);
            // An error or a hang-up must reach both sides: their next read or write
            // returns it, instead of waiting for ever.
            if event.is_readable() || event.is_read_closed() || event.is_error() {
                woken.extend(waiting.reader.take());
            }
            if event.is_writable() || event.is_write_closed() || event.is_error() {
                woken.extend(waiting.writer.take());
            }
        }
        woken
    }
}
// ANCHOR_END: reactor

// ANCHOR: registration
/// A source's membership in the running loop's reactor; owned by the socket.
pub(crate) struct Registration {
    token: Token,
    state: Arc<IoState>,
}

/// Which half of a socket a task waits on.
#[derive(Clone, Copy)]
pub(crate) enum Direction {
    Read,
    Write,
}

impl Registration {
    /// Register `source` for both readiness kinds, once, for its whole life.
    pub(crate) fn new(source: &mut impl mio::event::Source) -> io::Result<Self> {
        with_core(|core| {
            let mut reactor = core.reactor.borrow_mut();
            let token = Token(reactor.next_token);
            reactor.next_token += 1;
            reactor.poll.registry().register(
                source,
                token,
                Interest::READABLE | Interest::WRITABLE,
            )?;
            let state = Arc::new(IoState::default());
            reactor.sources.insert(token, Arc::clone(&state));
            Ok(Registration { token, state })
        })
    }

    /// Try `op`; if the OS says `WouldBlock`, leave our waker for `direction`
    /// and return `Pending`. This is the whole contract between sockets and loop.
    pub(crate) fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
        mut op: impl FnMut() -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        loop {
            match op() {
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    let mut waiting = lock(&self.state.waiting);
                    let slot = match direction {
                        Direction::Read => &mut waiting.reader,
                        Direction::Write => &mut waiting.writer,
                    };
                    if !slot.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                        *slot = Some(cx.waker().clone());
                    }
                    return Poll::Pending;
                }
                // A signal cut the system call short; nothing happened, try again.
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                result => return Poll::Ready(result),
            }
        }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        // Closing the socket removes it from epoll; we only forget our entry. If
        // no loop runs (it was dropped first), there is nothing to forget. The
        // pointer check keeps a same-numbered token of another loop safe.
        try_with_core(|core| {
            let Ok(mut reactor) = core.reactor.try_borrow_mut() else {
                return;
            };
            let ours = reactor
                .sources
                .get(&self.token)
                .is_some_and(|state| Arc::ptr_eq(state, &self.state));
            if ours {
                reactor.sources.remove(&self.token);
            }
        });
    }
}
// ANCHOR_END: registration

impl Reactor {
    /// How many sources are registered (for the tests that check nothing leaks).
    pub(crate) fn len(&self) -> usize {
        self.sources.len()
    }
}

/// How many sockets and pipes the running loop is watching.
pub fn registered_sources() -> usize {
    with_core(|core| core.reactor.borrow().len())
}
