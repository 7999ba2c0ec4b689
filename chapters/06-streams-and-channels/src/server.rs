//! The line server: many clients, one store, and a graceful shutdown.
//!
//! Everything in the chapter meets here. Each client is a task reading
//! [`Frame`]s from its socket ([`framing`](crate::framing)), parsing them
//! ([`protocol`](crate::protocol)) and asking the [`Store`] task for the answer
//! (mpsc out, oneshot back). A `watch<bool>` tells every connection when the
//! server is shutting down.
//!
//! A server meets clients that misbehave, so it has limits: a longest line, a most
//! clients at once (past it, a client gets an `ERR` line and is closed), a longest
//! silence (an idle client gets `BYE` and is closed), a longest wait for a client to
//! read its replies, and the most the store holds (past it, a `SET` gets `ERR`).
//!
//! Shutting down gracefully means, in order:
//! 1. stop accepting: the listener is dropped, so new connections are refused;
//! 2. tell every connection. Each stops reading new requests, answers every request
//!    it has already read (whole lines in its buffer, and a line half-way in, whose
//!    rest it waits for), then says `BYE`;
//! 3. each half-closes its socket and *drains*: reads and throws away what the
//!    client still sends until the client closes too. Closing a socket that has
//!    unread data makes the kernel send a reset, and a reset destroys the replies
//!    still on their way to the client: without the drain, a client that pipelined
//!    requests loses answers the server wrote;
//! 4. wait for the connections to finish, but only for the grace period: a client
//!    that never finishes its line is cut off then, so shutdown always ends.
//!
//! `QUIT` ends one connection the same way (`BYE`, half-close, drain).
//!
//! Python's `server.close()` stops accepting, and since 3.12 `wait_closed()` waits
//! for the handlers, but without a deadline. Telling the handlers is yours to do
//! there too.
//!
//! The shutdown trigger is a future passed in: the binary passes SIGINT or SIGTERM,
//! the tests pass a channel they fire themselves.

use std::future::Future;
use std::io;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout};

use crate::framing::{Frame, LineReader};
use crate::history::History;
use crate::protocol::{Reply, Request};
use crate::store::Store;

// ANCHOR: config
/// The server's limits.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The longest line accepted, in bytes; longer ones get an error reply.
    pub max_line: usize,
    /// The most clients served at once; the next one gets an `ERR` line and is closed.
    /// The cap protects the server's memory and file descriptors, not fairness: a
    /// client that keeps talking keeps its place.
    pub max_clients: usize,
    /// How long a client may stay silent, or leave its replies unread, before the
    /// server closes its connection. With `grace` (the closing connection's drain),
    /// this bounds how long clients that go quiet can hold the places under
    /// `max_clients` and lock everyone else out: 35 s by default.
    pub idle: Duration,
    /// How long a shutdown waits for connections to finish before cutting them off;
    /// also how long a closing connection drains what its client still sends.
    pub grace: Duration,
    /// The most the store holds, in bytes (keys and values, plus
    /// [`ENTRY_OVERHEAD`](crate::store::ENTRY_OVERHEAD) an entry); past it, a `SET`
    /// gets an `ERR` reply until keys are deleted.
    pub max_memory: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_line: 1024,
            max_clients: 1000,
            idle: Duration::from_secs(30),
            grace: Duration::from_secs(5),
            max_memory: crate::store::MAX_MEMORY,
        }
    }
}

/// What a run of the server did, for the demo and the tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub clients: usize,
    pub requests: usize,
    /// Clients sent away because `max_clients` were already connected.
    pub turned_away: usize,
    /// Connections still open when the grace period ran out.
    pub cut_off: usize,
}
// ANCHOR_END: config

// ANCHOR: serve
/// Serve clients on `listener` until `shutdown` completes, then shut down
/// gracefully. Each event is recorded in `log`, on a lane per client.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    log: History,
    shutdown: impl Future<Output = ()>,
) -> io::Result<Summary> {
    let (stop, stopping) = watch::channel(false);
    let store = Store::with_limit(config.max_memory);
    let mut clients = JoinSet::new();
    let mut turned_away = JoinSet::new();
    let mut summary = Summary::default();
    let mut shutdown = std::pin::pin!(shutdown);
    log.say("server", format!("listening on {}", listener.local_addr()?));

    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => {
                reap(&mut clients, &mut summary);
                match accepted {
                    Ok((stream, peer)) if clients.len() >= config.max_clients => {
                        summary.turned_away += 1;
                        let open = clients.len();
                        log.say("server", format!("{peer} turned away: {open} clients already"));
                        turned_away.spawn(turn_away(stream, config));
                    }
                    Ok((stream, peer)) => {
                        summary.clients += 1;
                        let name = format!("client {}", summary.clients);
                        log.say(&name, format!("connected from {peer}"));
                        let connection = Connection {
                            name,
                            store: store.clone(),
                            stopping: stopping.clone(),
                            log: log.clone(),
                            config,
                        };
                        clients.spawn(connection.run(stream));
                    }
                    Err(error) => {
                        // Out of file descriptors, say: the server is not broken, it
                        // must wait for a client to leave. Wait a moment instead of
                        // spinning on an error that will not go away at once.
                        log.say("server", format!("accept failed: {error}; trying again in 100ms"));
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
            // Reap finished connections as we go, so the sets do not grow for ever.
            Some(finished) = clients.join_next() => summary.requests += finished.unwrap_or(0),
            Some(_) = turned_away.join_next() => {}
        }
    }

    // 1. Stop accepting: from here a connect is refused.
    drop(listener);
    // 2. Tell every connection. `send_replace` works even if none is listening.
    stop.send_replace(true);
    log.say(
        "server",
        format!("shutting down, {} connected", clients.len()),
    );
    // 3. Wait for them, up to the grace period.
    let deadline = Instant::now() + config.grace;
    loop {
        match tokio::time::timeout_at(deadline, clients.join_next()).await {
            Ok(Some(finished)) => summary.requests += finished.unwrap_or(0),
            Ok(None) => break,
            Err(_elapsed) => {
                summary.cut_off = clients.len();
                log.say(
                    "server",
                    format!("grace period over, cutting off {}", summary.cut_off),
                );
                clients.shutdown().await; // aborts them, and waits until they are gone
                break;
            }
        }
    }
    turned_away.shutdown().await;
    log.say("server", "stopped");
    Ok(summary)
}
// ANCHOR_END: serve

/// Count the connections that have finished, so that `clients.len()` is the number
/// still open: a `JoinSet` holds a finished task until it is joined, and during a
/// burst of connections the `select!` may not get round to it.
fn reap(clients: &mut JoinSet<usize>, summary: &mut Summary) {
    while let Some(finished) = clients.try_join_next() {
        summary.requests += finished.unwrap_or(0);
    }
}

// ANCHOR: turn_away
/// A client past `max_clients`: one `ERR` line saying why, then close, draining
/// what it may already have sent so that the close does not reset the `ERR` away.
async fn turn_away(stream: TcpStream, config: Config) {
    let (reader, mut writer) = stream.into_split();
    let full = Reply::Error(format!(
        "server full ({} clients); try again later",
        config.max_clients
    ));
    let _ = timeout(config.grace, async {
        writer.write_all(format!("{full}\n").as_bytes()).await?;
        writer.shutdown().await?;
        drain(reader).await
    })
    .await;
}
// ANCHOR_END: turn_away

/// One client's connection, and what it needs from the server.
struct Connection {
    name: String,
    store: Store,
    stopping: watch::Receiver<bool>,
    log: History,
    config: Config,
}

/// What to do after one frame.
enum Step {
    /// Send this reply and read the next request.
    Answer(Reply),
    /// Send this last reply, then close.
    Goodbye(Reply),
    /// The client has gone: nothing to send.
    Left,
}

impl Connection {
    /// Serve one client; returns how many requests it answered. An IO error (the
    /// client reset the connection, say) ends this connection only, and is logged.
    async fn run(mut self, stream: TcpStream) -> usize {
        let mut answered = 0;
        if let Err(error) = self.exchange(stream, &mut answered).await {
            self.log
                .say(&self.name, format!("connection failed: {error}"));
        }
        answered
    }

    // ANCHOR: connection
    async fn exchange(&mut self, stream: TcpStream, answered: &mut usize) -> io::Result<()> {
        let (reader, mut writer) = stream.into_split();
        let mut lines = LineReader::new(BufReader::new(reader), self.config.max_line);

        let goodbye = loop {
            let frame = tokio::select! {
                // `biased`: once the server is stopping, no new request is read,
                // even if one is ready.
                biased;
                () = stopped(&mut self.stopping) => {
                    match self.finish_what_was_read(&mut lines, &mut writer, answered).await? {
                        Some(goodbye) => break goodbye,
                        None => return Ok(()),
                    }
                }
                // `next_frame` is cancel-safe: when shutdown wins the race, a half
                // line it had read is still in `lines`.
                frame = timeout(self.config.idle, lines.next_frame()) => match frame {
                    Ok(frame) => frame?,
                    Err(_elapsed) => {
                        self.log.say(&self.name, format!("idle for {:?}: BYE", self.config.idle));
                        break Reply::Bye("idle too long");
                    }
                },
            };
            match self.step(frame, *answered).await {
                Step::Answer(reply) => {
                    self.say(&mut writer, &reply).await?;
                    *answered += 1;
                }
                Step::Goodbye(goodbye) => break goodbye,
                Step::Left => return Ok(()),
            }
        };

        // The last reply, then half-close: the client reads every reply, then the
        // end of the stream. Then drain, so that closing sends no reset.
        self.say(&mut writer, &goodbye).await?;
        writer.shutdown().await?;
        let _ = timeout(self.config.grace, drain(lines.into_inner())).await;
        Ok(())
    }

    /// At shutdown: answer the requests already read (whole lines in the buffer,
    /// and a half line, whose rest is awaited), without reading new ones. `None`
    /// when the client left meanwhile.
    async fn finish_what_was_read(
        &mut self,
        lines: &mut LineReader<OwnedReadHalf>,
        writer: &mut OwnedWriteHalf,
        answered: &mut usize,
    ) -> io::Result<Option<Reply>> {
        if lines.has_buffered_line() || lines.mid_line() {
            self.log.say(
                &self.name,
                "shutdown came mid-request: answering what was read",
            );
        }
        while lines.has_buffered_line() || lines.mid_line() {
            match self.step(lines.next_frame().await?, *answered).await {
                Step::Answer(reply) => {
                    self.say(writer, &reply).await?;
                    *answered += 1;
                }
                Step::Goodbye(goodbye) => return Ok(Some(goodbye)),
                Step::Left => return Ok(None),
            }
        }
        self.log.say(
            &self.name,
            format!("shutdown: BYE after {answered} requests"),
        );
        Ok(Some(Reply::Bye("server shutting down")))
    }
    // ANCHOR_END: connection

    /// What one frame asks for, answered.
    async fn step(&self, frame: Frame, answered: usize) -> Step {
        match frame {
            Frame::Line(line) => match Request::parse(&line) {
                Ok(Request::Quit) => {
                    self.log
                        .say(&self.name, format!("QUIT after {answered} requests"));
                    Step::Goodbye(Reply::Bye("see you"))
                }
                Ok(request) => Step::Answer(answer(&self.store, request).await),
                Err(problem) => Step::Answer(Reply::Error(problem)),
            },
            Frame::TooLong => Step::Answer(Reply::Error(format!(
                "line too long (limit {} bytes)",
                self.config.max_line
            ))),
            Frame::NotUtf8 => Step::Answer(Reply::Error("line is not UTF-8".into())),
            Frame::Closed => {
                self.log
                    .say(&self.name, format!("left after {answered} requests"));
                Step::Left
            }
            Frame::ClosedMidLine { dropped } => {
                // The half line is dropped, never run: a cut-off "SET a 1" must
                // not become "SET a".
                self.log.say(
                    &self.name,
                    format!("left mid-line, {dropped} bytes dropped"),
                );
                Step::Left
            }
        }
    }

    /// Write one reply line. `write_all` waits while the client is slow to read:
    /// the socket's own back-pressure, Python's `await writer.drain()`. A client
    /// that reads nothing for the idle time is cut off rather than waited for.
    async fn say(&self, writer: &mut OwnedWriteHalf, reply: &Reply) -> io::Result<()> {
        let line = format!("{reply}\n");
        match timeout(self.config.idle, writer.write_all(line.as_bytes())).await {
            Ok(written) => written,
            Err(_elapsed) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "the client left its replies unread for {:?}",
                    self.config.idle
                ),
            )),
        }
    }
}

/// Ready once the server is stopping: at once if the flag is already set, and also
/// if the server is gone (the sender dropped), since that is stopping too.
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    // The `Ref` that `wait_for` returns holds a read lock; it is dropped right here.
    let _ = stopping.wait_for(|&stop| stop).await;
}

/// Read and throw away everything until the peer closes its end (or an error).
/// What is read is never kept: memory stays one small buffer however much comes.
async fn drain(mut reader: impl AsyncRead + Unpin) -> io::Result<()> {
    let mut scratch = [0u8; 4096];
    while reader.read(&mut scratch).await? > 0 {}
    Ok(())
}

/// Ask the store, and turn its answer into a reply.
async fn answer(store: &Store, request: Request) -> Reply {
    let answer = match request {
        Request::Get { key } => store
            .get(&key)
            .await
            .map(|v| v.map_or(Reply::NotFound, Reply::Value)),
        Request::Set { key, value } => store.set(&key, &value).await.map(|_| Reply::Ok),
        Request::Delete { key } => store
            .delete(&key)
            .await
            .map(|v| v.map_or(Reply::NotFound, Reply::Deleted)),
        Request::Quit => Ok(Reply::Bye("see you")),
    };
    answer.unwrap_or_else(|gone| Reply::Error(gone.to_string()))
}
