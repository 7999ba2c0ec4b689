//! The line server: many clients, one store, and a graceful shutdown.
//!
//! Everything in the chapter meets here. Each client is a task reading
//! [`Frame`]s from its socket ([`framing`](crate::framing)), parsing them
//! ([`protocol`](crate::protocol)) and asking the [`Store`] task for the answer
//! (mpsc out, oneshot back). A `watch<bool>` tells every connection when the
//! server is shutting down.
//!
//! Shutting down gracefully means, in order:
//! 1. stop accepting: the listener is dropped, so new connections are refused;
//! 2. tell every connection. One waiting for a request says `BYE` and closes; one
//!    half-way through receiving a line waits for the rest, answers it, then says
//!    `BYE`. No client loses a request it had started to send;
//! 3. wait for the connections to finish, but only for the grace period: a client
//!    that never finishes its line is cut off then, so shutdown always ends.
//!
//! Python's `server.close()` stops accepting, and since 3.12 `wait_closed()` waits
//! for the handlers, but without a deadline. Telling the handlers is yours to do
//! there too.
//!
//! The shutdown trigger is a future passed in: the binary passes Ctrl-C, the tests
//! pass a channel they fire themselves.

use std::future::Future;
use std::time::Duration;

use course_kit::Timeline;
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::framing::{Frame, LineReader};
use crate::protocol::{Reply, Request};
use crate::store::Store;

// ANCHOR: config
/// The server's limits.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The longest line accepted, in bytes; longer ones get an error reply.
    pub max_line: usize,
    /// How long a shutdown waits for connections to finish before cutting them off.
    pub grace: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_line: 1024,
            grace: Duration::from_secs(5),
        }
    }
}

/// What a run of the server did, for the demo and the tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub clients: usize,
    pub requests: usize,
    /// Connections still open when the grace period ran out.
    pub cut_off: usize,
}
// ANCHOR_END: config

// ANCHOR: serve
/// Serve clients on `listener` until `shutdown` completes, then shut down
/// gracefully. Each event is recorded on `log`, on a lane per client.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    log: Timeline,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<Summary> {
    let (stop, stopping) = watch::channel(false);
    let store = Store::spawn();
    let mut clients = JoinSet::new();
    let mut summary = Summary::default();
    let mut shutdown = std::pin::pin!(shutdown);
    log.say("server", format!("listening on {}", listener.local_addr()?));

    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    summary.clients += 1;
                    let name = format!("client {}", summary.clients);
                    log.say(&name, format!("connected from {peer}"));
                    let connection = Connection {
                        name,
                        store: store.clone(),
                        stopping: stopping.clone(),
                        log: log.clone(),
                        max_line: config.max_line,
                    };
                    clients.spawn(connection.run(stream));
                }
                Err(error) => {
                    // Out of file descriptors, say: wait a moment instead of
                    // spinning on an error that will not go away at once.
                    log.say("server", format!("accept failed: {error}"));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            // Reap finished connections as we go, so the set does not grow for ever.
            Some(finished) = clients.join_next() => summary.requests += finished.unwrap_or(0),
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
    log.say("server", "stopped");
    Ok(summary)
}
// ANCHOR_END: serve

/// One client's connection, and what it needs from the server.
struct Connection {
    name: String,
    store: Store,
    stopping: watch::Receiver<bool>,
    log: Timeline,
    max_line: usize,
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
    async fn exchange(&mut self, stream: TcpStream, answered: &mut usize) -> std::io::Result<()> {
        let (reader, mut writer) = stream.into_split();
        let mut lines = LineReader::new(BufReader::new(reader), self.max_line);
        // Set when shutdown came while a line was half-way in: finish that line first.
        let mut finishing = false;

        loop {
            let frame = if finishing {
                lines.next_frame().await?
            } else {
                tokio::select! {
                    frame = lines.next_frame() => frame?,
                    () = stopped(&mut self.stopping) => {
                        // `next_frame` is cancel-safe, so a half line it had read
                        // is still in `lines`, and we can go back for the rest.
                        if lines.mid_line() {
                            self.log.say(&self.name, "shutdown came mid-line: finishing that line");
                            finishing = true;
                            continue;
                        }
                        self.log.say(&self.name, format!("idle at shutdown: BYE after {answered} requests"));
                        return say(&mut writer, &Reply::Bye("server shutting down")).await;
                    }
                }
            };

            let reply = match frame {
                Frame::Line(line) => match Request::parse(&line) {
                    Ok(Request::Quit) => {
                        self.log
                            .say(&self.name, format!("QUIT after {answered} requests"));
                        return say(&mut writer, &Reply::Bye("see you")).await;
                    }
                    Ok(request) => answer(&self.store, request).await,
                    Err(problem) => Reply::Error(problem),
                },
                Frame::TooLong => {
                    Reply::Error(format!("line too long (limit {} bytes)", self.max_line))
                }
                Frame::NotUtf8 => Reply::Error("line is not UTF-8".into()),
                Frame::Closed => {
                    self.log
                        .say(&self.name, format!("left after {answered} requests"));
                    return Ok(());
                }
                Frame::ClosedMidLine { dropped } => {
                    // The half line is dropped, never run: a cut-off "SET a 1" must
                    // not become "SET a".
                    self.log.say(
                        &self.name,
                        format!("left mid-line, {dropped} bytes dropped"),
                    );
                    return Ok(());
                }
            };
            say(&mut writer, &reply).await?;
            *answered += 1;

            if finishing || *self.stopping.borrow() {
                self.log.say(
                    &self.name,
                    format!("answered, then BYE after {answered} requests"),
                );
                return say(&mut writer, &Reply::Bye("server shutting down")).await;
            }
        }
    }
    // ANCHOR_END: connection
}

/// Ready once the server is stopping: at once if the flag is already set, and also
/// if the server is gone (the sender dropped), since that is stopping too.
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    // The `Ref` that `wait_for` returns holds a read lock; it is dropped right here.
    let _ = stopping.wait_for(|&stop| stop).await;
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

/// Write one reply line. `write_all` waits if the client is slow to read: the
/// socket's own back-pressure, Python's `await writer.drain()`.
async fn say(writer: &mut tokio::net::tcp::OwnedWriteHalf, reply: &Reply) -> std::io::Result<()> {
    writer.write_all(format!("{reply}\n").as_bytes()).await
}
