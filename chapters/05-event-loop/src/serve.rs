//! Harness: `serve echo` and `serve tokio_echo`, the echo servers on their own.
//!
//! Every server of the course starts the same way (`<binary> serve <server>
//! [--addr 127.0.0.1:0]`), prints `listening on 127.0.0.1:PORT` as its first line,
//! serves until SIGINT, SIGTERM or SIGHUP, then stops accepting, gives open
//! connections a grace period to finish, and exits 0; a second signal exits at once.
//!
//! The rules a server lives by: it never blocks or panics on its own logging (log
//! lines go through a bounded queue to a thread, and are dropped when it is full),
//! it keeps accepting after a failed accept (out of file descriptors: back off,
//! log, go on), and a client that vanishes ends only its own connection. Memory per
//! connection is one 4 KB buffer, however long a "line" a client sends.

use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::io::{self, Write as _};
use std::net::SocketAddr;
use std::pin::pin;
use std::rc::Rc;
use std::sync::mpsc;
use std::task::Poll;
use std::time::{Duration, Instant};

use tokio::signal::unix::SignalKind;

use crate::block_on::FromThread;
use crate::net::{TcpListener, TcpStream};

/// The servers `serve` knows, with what each is.
pub const SERVERS: &[(&str, &str)] = &[
    ("echo", "the echo server on this chapter's own event loop"),
    (
        "tokio_echo",
        "the same echo server on tokio's current-thread runtime",
    ),
];

/// Options shared by both servers.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// How long open connections may finish after a signal.
    pub grace: Duration,
}

/// Log lines for stderr, written by a thread of their own: a full or closed stderr
/// stalls or drops the log, never the server.
#[derive(Clone)]
pub struct Log(mpsc::SyncSender<String>);

impl Log {
    pub fn start() -> Log {
        let (sender, lines) = mpsc::sync_channel::<String>(256);
        std::thread::spawn(move || {
            for line in lines {
                // A closed stderr: nothing to do but drop the line.
                let _ = writeln!(io::stderr(), "{line}");
            }
        });
        Log(sender)
    }

    pub fn say(&self, line: String) {
        let _ = self.0.try_send(line); // full: drop it, the server matters more
    }
}

/// Print the listening line (the first line on stdout), ignoring a closed stdout.
fn announce(addr: SocketAddr) {
    let mut stdout = io::stdout().lock();
    let _ = writeln!(stdout, "listening on {addr}");
    let _ = stdout.flush();
}

/// The signals that stop a server gracefully: Ctrl-C, `kill` (or a service
/// manager), and a closed terminal. SIGHUP's default would kill the process
/// mid-echo, so it is caught like the others.
const STOP_SIGNALS: [(&str, SignalKind); 3] = [
    ("SIGINT", SignalKind::interrupt()),
    ("SIGTERM", SignalKind::terminate()),
    ("SIGHUP", SignalKind::hangup()),
];

/// Watch for SIGINT, SIGTERM and SIGHUP on a thread of its own (tokio's signal
/// support on a tiny runtime there). Returns once the handlers are installed, so a
/// signal that comes after the listening line is always a graceful one. The future
/// is ready at the first signal; a second one ends the process at once.
fn first_signal() -> io::Result<FromThread<&'static str>> {
    let (installed_tx, installed) = mpsc::channel();
    let (first_tx, first) = mpsc::channel();
    std::thread::spawn(move || {
        let watch = async {
            let mut signals = STOP_SIGNALS
                .iter()
                .map(|&(_, kind)| tokio::signal::unix::signal(kind))
                .collect::<io::Result<Vec<_>>>()?;
            let _ = installed_tx.send(Ok(()));
            let first = first_of(&mut signals).await;
            let _ = first_tx.send(STOP_SIGNALS[first].0);
            first_of(&mut signals).await;
            std::process::exit(130);
        };
        let outcome: io::Result<()> = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .and_then(|runtime| runtime.block_on(watch));
        if let Err(error) = outcome {
            let _ = installed_tx.send(Err(error));
        }
    });
    installed
        .recv()
        .map_err(|_| io::Error::other("the signal watcher thread died"))??;
    Ok(FromThread::spawn(move || match first.recv() {
        Ok(name) => name,
        // The watcher is gone (it cannot be, short of a panic): never shut down.
        Err(_) => loop {
            std::thread::park();
        },
    }))
}

/// Which of `signals` arrives first: its index.
async fn first_of(signals: &mut [tokio::signal::unix::Signal]) -> usize {
    poll_fn(|cx| {
        for (n, signal) in signals.iter_mut().enumerate() {
            if signal.poll_recv(cx).is_ready() {
                return Poll::Ready(n);
            }
        }
        Poll::Pending
    })
    .await
}

/// `serve echo`: the chapter's echo server on the chapter's loop.
pub fn serve_echo(options: &ServeOptions) -> anyhow::Result<()> {
    let log = Log::start();
    let event_loop = crate::new_event_loop()?;
    event_loop.run(async {
        let listener = TcpListener::bind(options.addr)?;
        let mut signal = pin!(first_signal()?);
        announce(listener.local_addr()?);
        let open = Rc::new(Cell::new(0usize));
        let closing = Rc::new(Cell::new(false));
        loop {
            let accepted = {
                let accept = pin!(listener.accept());
                first_ready(accept, signal.as_mut()).await
            };
            match accepted {
                Either::Left(Ok((stream, _peer))) => {
                    let open = Rc::clone(&open);
                    open.set(open.get() + 1);
                    let closing = Rc::clone(&closing);
                    crate::spawn_detached(async move {
                        // A vanished client ends here, and only its own task.
                        let _ = echo_until_closing(stream, &closing).await;
                        open.set(open.get() - 1);
                    });
                }
                Either::Left(Err(error)) => {
                    log.say(format!("accept failed ({error}); retrying in 100 ms"));
                    crate::sleep(Duration::from_millis(100)).await;
                }
                Either::Right(name) => {
                    log.say(format!("{name}: no new connections; closing open ones"));
                    break;
                }
            }
        }
        drop(listener);
        closing.set(true);
        let deadline = Instant::now() + options.grace;
        while open.get() > 0 && Instant::now() < deadline {
            crate::sleep(Duration::from_millis(10)).await;
        }
        anyhow::Ok(())
    })?;
    // Dropping the loop closes whatever connection outlived the grace period.
    drop(event_loop);
    Ok(())
}

enum Either<L, R> {
    Left(L),
    Right(R),
}

/// Poll `left` then `right`; the first ready wins (the other is left as it is).
async fn first_ready<L: Future, R: Future>(
    mut left: std::pin::Pin<&mut L>,
    mut right: std::pin::Pin<&mut R>,
) -> Either<L::Output, R::Output> {
    poll_fn(|cx| {
        if let Poll::Ready(output) = left.as_mut().poll(cx) {
            return Poll::Ready(Either::Left(output));
        }
        right.as_mut().poll(cx).map(Either::Right)
    })
    .await
}

/// `serve tokio_echo`: the same server on tokio.
pub fn serve_tokio_echo(options: &ServeOptions) -> anyhow::Result<()> {
    let log = Log::start();
    let runtime = crate::tokio_echo::runtime()?;
    runtime.block_on(async {
        // A backlog of 1,024 like our loop's (`TcpListener::bind` asks for 128, and a
        // burst of connections beyond it waits a second for the kernel to retry).
        let socket = match options.addr {
            SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
            SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
        };
        socket.set_reuseaddr(true)?;
        socket.bind(options.addr)?;
        let listener = socket.listen(1024)?;
        let mut signal = pin!(first_signal()?);
        announce(listener.local_addr()?);
        let open = Rc::new(Cell::new(0usize));
        let closing = Rc::new(Cell::new(false));
        let local = tokio::task::LocalSet::new();
        local
            .run_until(async {
                loop {
                    let accepted = {
                        let accept = pin!(listener.accept());
                        first_ready(accept, signal.as_mut()).await
                    };
                    match accepted {
                        Either::Left(Ok((stream, _peer))) => {
                            let open = Rc::clone(&open);
                            open.set(open.get() + 1);
                            let closing = Rc::clone(&closing);
                            tokio::task::spawn_local(async move {
                                let _ = tokio_echo_until_closing(stream, &closing).await;
                                open.set(open.get() - 1);
                            });
                        }
                        Either::Left(Err(error)) => {
                            log.say(format!("accept failed ({error}); retrying in 100 ms"));
                            tokio::time::sleep(Duration::from_millis(100)).await;
                        }
                        Either::Right(name) => {
                            log.say(format!("{name}: no new connections; closing open ones"));
                            break;
                        }
                    }
                }
                drop(listener);
                closing.set(true);
                let deadline = Instant::now() + options.grace;
                while open.get() > 0 && Instant::now() < deadline {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            })
            .await;
        anyhow::Ok(())
    })
}

/// How often a connection looks up from its read to see whether the server is
/// closing. (A flag checked on a tick, rather than a wake-up list, keeps nothing
/// alive after a connection ends.)
const LOOK_UP: Duration = Duration::from_millis(100);

/// Echo until the client closes, or until the server is `closing`. Then close the
/// way a graceful server does: half-close, so the client reads a clean end of stream
/// instead of a reset, and read (and drop) whatever it still sends until it closes
/// its side too; closing a socket with unread bytes in it would reset the connection
/// and destroy echoes still in flight.
async fn echo_until_closing(mut stream: TcpStream, closing: &Cell<bool>) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut buf = [0; 4096];
    while !closing.get() {
        let outcome = {
            let read = pin!(stream.read(&mut buf));
            let tick = pin!(crate::sleep(LOOK_UP));
            first_ready(read, tick).await
        };
        match outcome {
            Either::Left(read) => match read? {
                0 => return Ok(()),
                n => stream.write_all(&buf[..n]).await?,
            },
            Either::Right(()) => {} // look at `closing` again
        }
    }
    stream.shutdown_write()?;
    while stream.read(&mut buf).await? > 0 {}
    Ok(())
}

/// The same on tokio.
async fn tokio_echo_until_closing(
    mut stream: tokio::net::TcpStream,
    closing: &Cell<bool>,
) -> io::Result<()> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    stream.set_nodelay(true)?;
    let mut buf = [0; 4096];
    while !closing.get() {
        let outcome = {
            let read = pin!(stream.read(&mut buf));
            let tick = pin!(tokio::time::sleep(LOOK_UP));
            first_ready(read, tick).await
        };
        match outcome {
            Either::Left(read) => match read? {
                0 => return Ok(()),
                n => stream.write_all(&buf[..n]).await?,
            },
            Either::Right(()) => {}
        }
    }
    stream.shutdown().await?;
    while stream.read(&mut buf).await? > 0 {}
    Ok(())
}
