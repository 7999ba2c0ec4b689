//! WRONG: keeps the first waker after WouldBlock instead of the latest, so a future that moved to another task is never woken
//!
//! Step 5: a reactor on mio, and an async `TcpStream` on it.
//!
//! asyncio's loop owns a selector (epoll, kqueue). A socket operation that would
//! block registers "wake me when this socket is ready", and each turn the loop
//! waits in the selector. [`Reactor`] is that selector as a [`Driver`]: its `park`
//! is the wait, and each event wakes the tasks waiting on that socket.
//!
//! mio registers sockets edge-triggered: the OS reports a change once. So a task
//! tries until `WouldBlock` before it waits, and a wait after a `WouldBlock`
//! cannot miss an event: any later change is a new edge.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::poll_fn;
use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use mio::{Events, Interest, Token};

use crate::spawn::{Driver, EventLoop, lock};
use crate::timers::TimerDriver;

/// The token of the waker that cuts a wait short from another thread.
const WAKE_TOKEN: Token = Token(usize::MAX);

/// Who waits on one socket: at most one reader and one writer.
#[derive(Default)]
pub struct Waiting {
    pub reader: Option<Waker>,
    pub writer: Option<Waker>,
}

/// The sockets registered with a reactor, by token.
#[derive(Default)]
struct Sources {
    by_token: HashMap<Token, Arc<Mutex<Waiting>>>,
    next_token: usize,
}

/// The OS event queue, and who waits on each source in it.
pub struct Reactor {
    poll: mio::Poll,
    events: Events,
    registry: Arc<mio::Registry>,
    sources: Arc<Mutex<Sources>>,
    unpark: Arc<mio::Waker>,
}

impl Reactor {
    pub fn new() -> io::Result<Self> {
        let poll = mio::Poll::new()?;
        let unpark = Arc::new(mio::Waker::new(poll.registry(), WAKE_TOKEN)?);
        Ok(Reactor {
            registry: Arc::new(poll.registry().try_clone()?),
            poll,
            events: Events::with_capacity(1024),
            sources: Arc::default(),
            unpark,
        })
    }
}

impl Driver for Reactor {
    fn park(&mut self, timeout: Option<Duration>) {
        if let Err(error) = self.poll.poll(&mut self.events, timeout) {
            // A signal cut the wait short: a turn with no events.
            if error.kind() != io::ErrorKind::Interrupted {
                panic!("the OS event queue failed: {error}");
            }
        }
        let mut woken = Vec::new();
        {
            let sources = lock(&self.sources);
            for event in &self.events {
                let Some(waiting) = sources.by_token.get(&event.token()) else {
                    continue; // the wake token, or a socket already closed
                };
                let mut waiting = lock(waiting);
                // A hang-up or an error must reach both sides, or they would
                // wait for ever: their next read or write returns it.
                if event.is_readable() || event.is_read_closed() || event.is_error() {
                    woken.extend(waiting.reader.take());
                }
                if event.is_writable() || event.is_write_closed() || event.is_error() {
                    woken.extend(waiting.writer.take());
                }
            }
        }
        for waker in woken {
            waker.wake();
        }
    }

    fn unparker(&self) -> Waker {
        Waker::from(Arc::new(Unparker(Arc::clone(&self.unpark))))
    }

    fn enter(&self) -> Box<dyn Any> {
        let handle = (Arc::clone(&self.registry), Arc::clone(&self.sources));
        let previous = CURRENT.with(|current| current.replace(Some(handle)));
        Box::new(Entered(previous))
    }
}

struct Unparker(Arc<mio::Waker>);

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        let _ = self.0.wake(); // cannot fail while the reactor lives
    }
}

type Handle = (Arc<mio::Registry>, Arc<Mutex<Sources>>);

thread_local! {
    static CURRENT: RefCell<Option<Handle>> = const { RefCell::new(None) };
}

struct Entered(Option<Handle>);

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|current| current.replace(previous));
    }
}

/// The whole loop: tasks, timers and IO.
pub fn new_event_loop() -> io::Result<EventLoop> {
    Ok(EventLoop::with_driver(TimerDriver::new(Reactor::new()?)))
}

/// The whole loop on a paused clock.
pub fn new_event_loop_paused() -> io::Result<EventLoop> {
    Ok(EventLoop::with_driver(TimerDriver::paused(Reactor::new()?)))
}

/// Which half of a socket a task waits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Read,
    Write,
}

/// A socket's membership in the running loop's reactor; owned by the socket.
pub struct Registration {
    token: Token,
    waiting: Arc<Mutex<Waiting>>,
    sources: Arc<Mutex<Sources>>,
}

impl Registration {
    /// Register `source` for both directions, once, for its whole life.
    pub fn new(source: &mut impl mio::event::Source) -> io::Result<Self> {
        let (registry, sources) = CURRENT
            .with(|current| current.borrow().clone())
            .ok_or_else(|| io::Error::other("no reactor here: use new_event_loop()"))?;
        let mut table = lock(&sources);
        let token = Token(table.next_token);
        table.next_token += 1;
        registry.register(source, token, Interest::READABLE | Interest::WRITABLE)?;
        let waiting = Arc::new(Mutex::new(Waiting::default()));
        table.by_token.insert(token, Arc::clone(&waiting));
        drop(table);
        Ok(Registration {
            token,
            waiting,
            sources,
        })
    }

    /// Try `op`; on `WouldBlock`, leave our waker for `direction` and return
    /// `Pending`; on `Interrupted`, try again; anything else is the answer.
    pub fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
        mut op: impl FnMut() -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        loop {
            match op() {
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
                    let mut waiting = lock(&self.waiting);
                    let slot = match direction {
                        Direction::Read => &mut waiting.reader,
                        Direction::Write => &mut waiting.writer,
                    };
                    // Someone already waits: keep that one.
                    if slot.is_none() {
                        *slot = Some(cx.waker().clone());
                    }
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
        // Closing the socket takes it out of epoll; we forget our entry.
        lock(&self.sources).by_token.remove(&self.token);
    }
}

/// A TCP server socket.
pub struct TcpListener {
    socket: mio::net::TcpListener,
    io: Registration,
}

impl TcpListener {
    /// Bind to `addr` (port 0: any free port) and listen.
    pub fn bind(addr: SocketAddr) -> io::Result<Self> {
        let mut socket = mio::net::TcpListener::bind(addr)?;
        let io = Registration::new(&mut socket)?;
        Ok(TcpListener { socket, io })
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.socket.local_addr()
    }

    /// Wait for the next connection.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (socket, peer) = poll_fn(|cx| {
            self.io
                .poll_io(cx, Direction::Read, || self.socket.accept())
        })
        .await?;
        Ok((TcpStream::new(socket)?, peer))
    }
}

/// A TCP connection.
pub struct TcpStream {
    socket: mio::net::TcpStream,
    io: Registration,
}

impl TcpStream {
    fn new(mut socket: mio::net::TcpStream) -> io::Result<Self> {
        let io = Registration::new(&mut socket)?;
        socket.set_nodelay(true)?; // small request-and-reply messages go out at once
        Ok(TcpStream { socket, io })
    }

    /// Connect to `addr`: `asyncio.open_connection`.
    pub async fn connect(addr: SocketAddr) -> io::Result<Self> {
        let stream = TcpStream::new(mio::net::TcpStream::connect(addr)?)?;
        // Writable once the handshake is over, or with an error if it failed.
        poll_fn(|cx| {
            stream.io.poll_io(cx, Direction::Write, || {
                if let Some(error) = stream.socket.take_error()? {
                    return Err(error);
                }
                match stream.socket.peer_addr() {
                    Ok(_) => Ok(()),
                    Err(error) if error.kind() == io::ErrorKind::NotConnected => {
                        Err(io::ErrorKind::WouldBlock.into())
                    }
                    Err(error) => Err(error),
                }
            })
        })
        .await?;
        Ok(stream)
    }

    /// Read what has arrived, up to `buf.len()` bytes; `Ok(0)`: the peer closed.
    pub async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let (socket, io) = (&self.socket, &self.io);
        poll_fn(|cx| io.poll_io(cx, Direction::Read, || (&*socket).read(buf))).await
    }

    /// Write some of `buf`; returns how much the kernel took.
    pub async fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let (socket, io) = (&self.socket, &self.io);
        poll_fn(|cx| io.poll_io(cx, Direction::Write, || (&*socket).write(buf))).await
    }

    /// Write all of `buf`, waiting whenever the send buffer is full.
    pub async fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.write(buf).await? {
                0 => return Err(io::ErrorKind::WriteZero.into()),
                n => buf = &buf[n..],
            }
        }
        Ok(())
    }

    /// Fill `buf` exactly.
    pub async fn read_exact(&mut self, mut buf: &mut [u8]) -> io::Result<()> {
        while !buf.is_empty() {
            match self.read(buf).await? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => buf = &mut buf[n..],
            }
        }
        Ok(())
    }

    /// No more data from us: the peer reads `Ok(0)`.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.socket.shutdown(std::net::Shutdown::Write)
    }
}
