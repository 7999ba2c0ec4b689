//! A service that shuts down gracefully: stop accepting, finish what is in flight
//! within a grace period, then exit.
//!
//! The service answers one request a line: `work 300` acknowledges at once with
//! `working 300`, works for 300 ms, and answers `done 300`; `ping` answers `pong`. A
//! shutdown goes in three steps, each a token or a tracker from [`crate::cancellation`]:
//!
//! 1. `stop.graceful` is cancelled (the first signal): the accept loop ends and the
//!    listener is dropped, so new connections are refused; a connection waiting for
//!    its next request is told `bye` and closed;
//! 2. requests already in flight go on, and the `TaskTracker` says when the last one
//!    is done;
//! 3. if the grace period runs out first, or `stop.now` is cancelled (the second
//!    signal), the requests still running are abandoned with an error line.
//!
//! The run of the binary, `serve jobs`, wires [`crate::signals`] to `Stop`; the tests
//! and the demo cancel the tokens themselves.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use course_kit::Timeline;
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::TcpListener;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// The service's settings.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// How long in-flight requests get to finish once shutdown has begun.
    pub grace: Duration,
    /// The longest request line accepted, in bytes.
    pub max_line: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            grace: Duration::from_secs(5),
            max_line: 64,
        }
    }
}

/// The longest `work` a client may ask for, so that one request cannot hold a
/// graceful shutdown for an hour.
pub const MAX_WORK: Duration = Duration::from_secs(60);

// ANCHOR: stop
/// The two ways to ask the service to stop. `now` is the parent of `graceful`, so
/// cancelling `now` also cancels `graceful`: a stop at once includes a stop of accepting.
#[derive(Debug, Clone)]
pub struct Stop {
    pub graceful: CancellationToken,
    pub now: CancellationToken,
}

impl Stop {
    pub fn new() -> Stop {
        let now = CancellationToken::new();
        Stop {
            graceful: now.child_token(),
            now,
        }
    }
}
// ANCHOR_END: stop

impl Default for Stop {
    fn default() -> Self {
        Stop::new()
    }
}

/// How the service's run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Requests answered in full.
    pub served: usize,
    /// Requests cut off when the grace period ran out or a stop-now came.
    pub abandoned: usize,
}

#[derive(Debug, Default)]
struct Counts {
    served: AtomicUsize,
    abandoned: AtomicUsize,
    in_flight: AtomicUsize,
}

/// What one connection's task needs; cloned for every connection.
#[derive(Clone)]
struct Shared {
    config: Config,
    graceful: CancellationToken,
    abandon: CancellationToken,
    counts: Arc<Counts>,
    log: Log,
}

// ANCHOR: log
/// Where the service's log lines go. A server must never stop, or stall, because of
/// its own logging: `Lines` hands each line to a channel with `try_send`, so a full
/// channel (stdout piped to a reader who stopped reading) drops the line instead of
/// blocking the server, and the thread at the other end writes them out.
#[derive(Debug, Clone)]
pub enum Log {
    Quiet,
    Timeline(Timeline),
    Lines(std::sync::mpsc::SyncSender<String>),
}

impl Log {
    pub fn note(&self, what: impl std::fmt::Display) {
        match self {
            Log::Quiet => {}
            Log::Timeline(timeline) => timeline.say("server", what),
            Log::Lines(lines) => {
                let _ = lines.try_send(what.to_string());
            }
        }
    }
}
// ANCHOR_END: log

// ANCHOR: serve
/// Serve on `listener` until `stop` says otherwise, then shut down gracefully.
/// `log` says where the service reports what it does.
pub async fn serve(listener: TcpListener, config: Config, stop: Stop, log: Log) -> Summary {
    let tracker = TaskTracker::new();
    let shared = Shared {
        config,
        graceful: stop.graceful.clone(),
        // A child of `now`: a second signal abandons the requests at once, and the end
        // of the grace period can abandon them without touching `now`.
        abandon: stop.now.child_token(),
        counts: Arc::default(),
        log: log.clone(),
    };

    // 1. Accept until shutdown begins.
    loop {
        tokio::select! {
            // Look at the token first: once shutdown has begun, accept nothing more.
            biased;
            () = stop.graceful.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    let (reader, writer) = stream.into_split();
                    tracker.spawn(connection(reader, writer, shared.clone()));
                }
                // Out of file descriptors (EMFILE) and the like: a failed accept is no
                // reason to stop serving the clients already here. Back off, go on.
                Err(error) => {
                    log.note(format!("accept failed ({error}); retrying"));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    }
    drop(listener); // from here on, a new connection is refused by the OS
    tracker.close();
    let in_flight = shared.counts.in_flight.load(Ordering::SeqCst);
    log.note(format!(
        "stopped accepting; {in_flight} request(s) in flight"
    ));

    // 2. Let the requests in flight finish, 3. unless time runs out.
    tokio::select! {
        () = tracker.wait() => {}
        () = tokio::time::sleep(config.grace) => {
            log.note("grace period over: abandoning what is left");
            shared.abandon.cancel();
        }
        () = stop.now.cancelled() => log.note("stop now: abandoning what is left"),
    }
    // Abandoned requests stop at their next `.await`; this wait is short.
    tracker.wait().await;
    log.note("stopped");
    Summary {
        served: shared.counts.served.load(Ordering::SeqCst),
        abandoned: shared.counts.abandoned.load(Ordering::SeqCst),
    }
}
// ANCHOR_END: serve

// ANCHOR: connection
/// One client: requests one after another, until it hangs up or shutdown begins.
async fn connection(reader: OwnedReadHalf, mut writer: OwnedWriteHalf, shared: Shared) {
    let mut reader = BufReader::new(reader);
    loop {
        // Between requests nothing is in flight, so shutdown may close at once.
        let line = tokio::select! {
            biased;
            () = shared.graceful.cancelled() => {
                // Even a goodbye must not hold up the shutdown: a client that reads
                // nothing could block this write for ever.
                let bye = writer.write_all(b"bye: the server is shutting down\n");
                let _ = shared.abandon.run_until_cancelled(bye).await;
                return;
            }
            line = read_line(&mut reader, shared.config.max_line) => line,
        };
        let request = match line {
            Ok(Line::Request(request)) => request,
            // Hung up, maybe half-way through a line: there is nobody to answer.
            Ok(Line::HungUp) | Err(_) => return,
            Ok(Line::TooLong) => {
                let limit = shared.config.max_line;
                let refusal = format!("error: a request is at most {limit} bytes\n");
                let _ = shared
                    .abandon
                    .run_until_cancelled(writer.write_all(refusal.as_bytes()))
                    .await;
                return;
            }
        };

        // A request in flight: it runs to the end unless `abandon` is cancelled.
        shared.counts.in_flight.fetch_add(1, Ordering::SeqCst);
        let outcome = shared
            .abandon
            .run_until_cancelled(respond(&request, &mut writer))
            .await;
        shared.counts.in_flight.fetch_sub(1, Ordering::SeqCst);
        match outcome {
            Some(Ok(())) => {
                shared.counts.served.fetch_add(1, Ordering::SeqCst);
            }
            Some(Err(_client_gone)) => return,
            None => {
                shared.counts.abandoned.fetch_add(1, Ordering::SeqCst);
                shared.log.note(format!("abandoned {request:?}"));
                // Best effort, and quick: the shutdown is waiting for this task.
                let sorry = writer.write_all(b"error: abandoned at shutdown\n");
                let _ = tokio::time::timeout(Duration::from_millis(100), sorry).await;
                return;
            }
        }
    }
}
// ANCHOR_END: connection

/// Answer one request.
async fn respond(request: &str, writer: &mut OwnedWriteHalf) -> io::Result<()> {
    match request.trim().split_once(' ') {
        Some(("work", millis)) => match millis.trim().parse::<u64>() {
            Ok(millis) if Duration::from_millis(millis) <= MAX_WORK => {
                writer
                    .write_all(format!("working {millis}\n").as_bytes())
                    .await?;
                tokio::time::sleep(Duration::from_millis(millis)).await;
                writer
                    .write_all(format!("done {millis}\n").as_bytes())
                    .await
            }
            _ => {
                let most = MAX_WORK.as_millis();
                let error = format!("error: `work N` wants N in milliseconds, 0 to {most}\n");
                writer.write_all(error.as_bytes()).await
            }
        },
        _ if request.trim() == "ping" => writer.write_all(b"pong\n").await,
        _ => {
            writer
                .write_all(b"error: the requests are `work N` and `ping`\n")
                .await
        }
    }
}

enum Line {
    Request(String),
    HungUp,
    TooLong,
}

/// Read one line of at most `max` bytes. `take` bounds what `read_until` may buffer,
/// so a client that never sends a newline cannot make the server grow a huge line.
async fn read_line(reader: &mut BufReader<OwnedReadHalf>, max: usize) -> io::Result<Line> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    (&mut *reader)
        .take(limit)
        .read_until(b'\n', &mut bytes)
        .await?;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        return Ok(Line::Request(String::from_utf8_lossy(&bytes).into_owned()));
    }
    Ok(if bytes.len() > max {
        Line::TooLong
    } else {
        Line::HungUp
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;
    use tokio::net::TcpStream;
    use tokio::task::JoinHandle;

    const MS: Duration = Duration::from_millis(1);

    struct Running {
        addr: SocketAddr,
        stop: Stop,
        log: Timeline,
        server: JoinHandle<Summary>,
    }

    async fn start(grace: Duration) -> Running {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener
            .local_addr()
            .expect("a bound listener has an address");
        let stop = Stop::new();
        let log = Timeline::quiet();
        let config = Config {
            grace,
            ..Config::default()
        };
        let server = tokio::spawn(serve(
            listener,
            config,
            stop.clone(),
            Log::Timeline(log.clone()),
        ));
        Running {
            addr,
            stop,
            log,
            server,
        }
    }

    struct Client {
        lines: tokio::io::Lines<BufReader<OwnedReadHalf>>,
        writer: OwnedWriteHalf,
    }

    impl Client {
        async fn connect(addr: SocketAddr) -> io::Result<Client> {
            let (reader, writer) = TcpStream::connect(addr).await?.into_split();
            Ok(Client {
                lines: BufReader::new(reader).lines(),
                writer,
            })
        }

        async fn send(&mut self, line: &str) {
            self.writer
                .write_all(format!("{line}\n").as_bytes())
                .await
                .expect("send");
        }

        async fn reply(&mut self) -> Option<String> {
            self.lines.next_line().await.expect("read a reply")
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_in_flight_at_shutdown_is_finished_and_answered() {
        let running = start(Duration::from_secs(5)).await;
        let mut client = Client::connect(running.addr).await.expect("connect");
        client.send("work 300").await;
        assert_eq!(client.reply().await.as_deref(), Some("working 300"));
        running.stop.graceful.cancel();
        assert_eq!(client.reply().await.as_deref(), Some("done 300"));
        let summary = running.server.await.expect("the server task ends");
        assert_eq!(
            summary,
            Summary {
                served: 1,
                abandoned: 0
            }
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_server_stops_when_its_last_request_is_done_not_at_the_end_of_the_grace() {
        let running = start(Duration::from_secs(5)).await;
        let mut client = Client::connect(running.addr).await.expect("connect");
        let started = tokio::time::Instant::now();
        client.send("work 300").await;
        client.reply().await;
        running.stop.graceful.cancel();
        running.server.await.expect("the server task ends");
        assert_eq!(started.elapsed(), 300 * MS);
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_longer_than_the_grace_period_is_abandoned_when_it_ends() {
        let running = start(Duration::from_millis(500)).await;
        let mut quick = Client::connect(running.addr).await.expect("connect");
        let mut slow = Client::connect(running.addr).await.expect("connect");
        quick.send("work 300").await;
        slow.send("work 2000").await;
        quick.reply().await;
        slow.reply().await;
        running.stop.graceful.cancel();
        assert_eq!(quick.reply().await.as_deref(), Some("done 300"));
        assert_eq!(
            slow.reply().await.as_deref(),
            Some("error: abandoned at shutdown")
        );
        let summary = running.server.await.expect("the server task ends");
        assert_eq!(
            summary,
            Summary {
                served: 1,
                abandoned: 1
            }
        );
        assert_eq!(
            running
                .log
                .when("server", "grace period over: abandoning what is left"),
            Some(500 * MS)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_stop_now_abandons_the_requests_in_flight_at_once() {
        let running = start(Duration::from_secs(5)).await;
        let mut client = Client::connect(running.addr).await.expect("connect");
        client.send("work 2000").await;
        client.reply().await;
        let started = tokio::time::Instant::now();
        running.stop.now.cancel();
        assert_eq!(
            client.reply().await.as_deref(),
            Some("error: abandoned at shutdown")
        );
        let summary = running.server.await.expect("the server task ends");
        assert_eq!(
            summary,
            Summary {
                served: 0,
                abandoned: 1
            }
        );
        assert_eq!(started.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn once_shutdown_has_begun_new_connections_are_refused() {
        let running = start(Duration::from_secs(5)).await;
        let mut busy = Client::connect(running.addr).await.expect("connect");
        busy.send("work 1000").await;
        busy.reply().await;
        running.stop.graceful.cancel();
        tokio::task::yield_now().await; // let the accept loop see the token
        let refused = TcpStream::connect(running.addr).await;
        assert!(
            refused.is_err(),
            "a connection was accepted during shutdown"
        );
        assert_eq!(busy.reply().await.as_deref(), Some("done 1000"));
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_connection_is_told_bye_and_closed_at_shutdown() {
        let running = start(Duration::from_secs(5)).await;
        let mut idle = Client::connect(running.addr).await.expect("connect");
        idle.send("ping").await;
        assert_eq!(idle.reply().await.as_deref(), Some("pong"));
        running.stop.graceful.cancel();
        assert_eq!(
            idle.reply().await.as_deref(),
            Some("bye: the server is shutting down")
        );
        assert_eq!(idle.reply().await, None, "then the server hangs up");
    }

    #[tokio::test(start_paused = true)]
    async fn a_line_over_the_limit_gets_an_error_and_the_server_goes_on() {
        let running = start(Duration::from_secs(5)).await;
        let mut rude = Client::connect(running.addr).await.expect("connect");
        rude.send(&"x".repeat(1000)).await;
        assert_eq!(
            rude.reply().await.as_deref(),
            Some("error: a request is at most 64 bytes")
        );
        let mut next = Client::connect(running.addr).await.expect("connect");
        next.send("ping").await;
        assert_eq!(next.reply().await.as_deref(), Some("pong"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_that_vanishes_mid_request_does_not_stop_the_others() {
        let running = start(Duration::from_secs(5)).await;
        let mut gone = Client::connect(running.addr).await.expect("connect");
        gone.send("work 100").await;
        gone.reply().await;
        drop(gone);
        tokio::time::sleep(200 * MS).await;
        let mut next = Client::connect(running.addr).await.expect("connect");
        next.send("ping").await;
        assert_eq!(next.reply().await.as_deref(), Some("pong"));
    }

    #[tokio::test(start_paused = true)]
    async fn bad_requests_get_an_error_line_not_a_hang_up() {
        let running = start(Duration::from_secs(5)).await;
        let mut client = Client::connect(running.addr).await.expect("connect");
        client.send("work lots").await;
        let reply = client.reply().await.unwrap_or_default();
        assert!(reply.starts_with("error: `work N`"), "{reply}");
        client.send("dance").await;
        let reply = client.reply().await.unwrap_or_default();
        assert!(reply.starts_with("error: the requests are"), "{reply}");
    }
}
