//! The server every download in this chapter talks to: real HTTP on 127.0.0.1.
//!
//! The notes download 80 real web sites. A benchmark against the internet measures
//! the internet, and a course cannot depend on it, so the binary starts its own HTTP
//! server on a free port of 127.0.0.1 and waits a set latency (50 ms by default)
//! before each answer: the time a real site spends far away. That latency is the
//! whole point. An IO-bound program spends it waiting, and threads or async help
//! exactly by waiting for many answers at once.
//!
//! The server is a small HTTP/1.1 server on tokio, with keep-alive, so that a client
//! that reuses its connection (a `requests.Session`, a `reqwest::Client`) is
//! rewarded as it is on the web. It counts what it sees ([`Stats`]): connections
//! opened, requests served, and the most requests it held at once. The tests use
//! those counts to prove how concurrent a client really was, without a stopwatch.
//!
//! Routes: `GET /site/<n>` answers `200 OK` with a body of the configured size;
//! `GET /slow/<n>` does the same after three latencies (for tests of ordering);
//! anything else is `404 Not Found`. `HEAD` gets the same answer without its body,
//! and a target in absolute form (`GET http://host/site/1`, as sent to a proxy) is
//! served like its path.
//!
//! Requests are parsed with [`httparse`], the parser under hyper, not by hand: a
//! hand-written parser that reads "until the empty line" grows with whatever a
//! client sends, ignores `Content-Length` (so a body runs as a second request) and
//! has no answer for garbage. Here a request head is at most [`MAX_HEAD`] bytes and
//! [`MAX_HEADERS`] lines (past either, `431`), garbage gets `400 Bad Request`, a
//! method other than `GET` or `HEAD` gets `405 Method Not Allowed`, and a body is
//! skipped by its `Content-Length` (at most [`MAX_BODY`] bytes), so it is never
//! taken for the next request. RFC 9112's framing rules are kept: two different
//! `Content-Length`s, or one that is not all digits (`+3`), and an HTTP/1.1
//! request without `Host`, get `400` and the connection closes.
//!
//! A client cannot hold the server either: a whole request must arrive within
//! [`REQUEST_DEADLINE`] of its first byte (past it, `408`), a connection stays
//! silent between requests for at most [`IDLE`], and at most
//! [`ServerConfig::max_connections`] are served at once (past it, `503`).

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Barrier, oneshot, watch};
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};

/// The longest request head (request line and headers) the server reads.
pub const MAX_HEAD: usize = 16 * 1024;

/// The most header lines a request may have; more get `431`, as a longer head does.
pub const MAX_HEADERS: usize = 32;

/// The longest request body the server skips; a longer one gets `413`.
pub const MAX_BODY: usize = 1024 * 1024;

/// The largest page the server sends (`--body-size` is checked against it).
pub const MAX_PAGE: usize = 1024 * 1024;

/// How long a connection may wait for the next request, or for its client to read
/// an answer, before the server closes it.
pub const IDLE: Duration = Duration::from_secs(60);

/// How long a whole request (head and body) may take to arrive, from its first
/// byte; past it, `408 Request Timeout`. A limit on each read alone is not enough:
/// a client that sends one byte every few seconds never trips it, and holds its
/// connection for as long as it likes (the attack called slowloris).
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(10);

/// The most connections served at once, unless configured otherwise.
pub const MAX_CONNECTIONS: usize = 1024;

/// How long a client turned away at the cap has to read its `503`.
const TURN_AWAY: Duration = Duration::from_secs(1);

/// How long a shutdown waits for requests being answered.
pub const GRACE: Duration = Duration::from_secs(5);

/// How the server answers.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// How long each request waits before its answer: the network's round trip.
    pub latency: Duration,
    /// The size of each page, in bytes.
    pub body_size: usize,
    /// For tests: hold requests until this many are waiting, then answer them all.
    /// A client that never has that many in flight at once never gets an answer,
    /// which proves concurrency without timing anything.
    pub batch: Option<usize>,
    /// The most connections served at once; the next client gets `503` and is
    /// closed. Each connection costs a file descriptor and a task, and a client can
    /// open thousands and send nothing.
    pub max_connections: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            latency: Duration::from_millis(50),
            body_size: 1024,
            batch: None,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// What the server has seen, readable while it runs.
#[derive(Debug, Default)]
pub struct Stats {
    connections: AtomicUsize,
    open: AtomicUsize,
    turned_away: AtomicUsize,
    requests: AtomicUsize,
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
}

impl Stats {
    /// TCP connections accepted. A client that reuses its connections (keep-alive)
    /// opens far fewer than it sends requests.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Connections being served now.
    pub fn open_connections(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }

    /// Clients turned away with `503` because `max_connections` were open.
    pub fn turned_away(&self) -> usize {
        self.turned_away.load(Ordering::SeqCst)
    }

    /// Requests received; each is answered (with any status) unless its client
    /// hangs up first.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// The most requests the server was holding at the same moment: how concurrent
    /// the client really was.
    pub fn peak_in_flight(&self) -> usize {
        self.peak_in_flight.load(Ordering::SeqCst)
    }

    fn enter(&self) -> InFlight<'_> {
        // Counted on arrival, not after the answer is written: a client may read the
        // answer and ask for the totals before this task runs again.
        self.requests.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(self)
    }
}

/// One request being held; leaving the scope (even by an error) counts it out.
struct InFlight<'a>(&'a Stats);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One open connection, counted out when its task ends, however it ends.
struct Open(Arc<Stats>);

impl Open {
    fn count(stats: &Arc<Stats>) -> Open {
        stats.connections.fetch_add(1, Ordering::SeqCst);
        stats.open.fetch_add(1, Ordering::SeqCst);
        Open(stats.clone())
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

// ANCHOR: serve
/// Accept connections on `listener` for ever, each served by a task of its own.
///
/// Tests spawn this on their own runtime (so that a paused clock applies to the
/// latency); [`Server::start`] runs it on a thread of its own.
pub async fn serve(listener: TcpListener, config: ServerConfig, stats: Arc<Stats>) {
    serve_until(listener, config, stats, std::future::pending()).await;
}

/// [`serve`] until `shutdown` completes; then stop accepting, let every connection
/// finish the request it is answering, and wait for them (at most [`GRACE`]).
pub async fn serve_until(
    listener: TcpListener,
    config: ServerConfig,
    stats: Arc<Stats>,
    shutdown: impl Future<Output = ()>,
) {
    let page: Arc<[u8]> = page(config.body_size.min(MAX_PAGE)).into();
    let config = Arc::new(config);
    let gate = config.batch.map(|n| Arc::new(Barrier::new(n.max(1))));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut turned_away = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let mut failed_accepts = 0_usize;
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    if failed_accepts > 0 {
                        tracing::warn!("accept works again after {failed_accepts} failures");
                        failed_accepts = 0;
                    }
                    // Forget the connections that are done, before counting them.
                    while connections.try_join_next().is_some() {}
                    if connections.len() >= config.max_connections {
                        // Full: say so at once, rather than leave the client waiting.
                        // The refusals are capped too (past as many again, a client
                        // is just closed), so a flood cannot use up the descriptors.
                        stats.turned_away.fetch_add(1, Ordering::SeqCst);
                        while turned_away.try_join_next().is_some() {}
                        if turned_away.len() < config.max_connections {
                            turned_away.spawn(turn_away(stream));
                        }
                    } else {
                        let open = Open::count(&stats);
                        let http = Http {
                            config: config.clone(),
                            stats: stats.clone(),
                            gate: gate.clone(),
                            page: page.clone(),
                            stopping: stopping.clone(),
                        };
                        // A client that hangs up mid-request is its own problem, not
                        // the server's: the error ends that connection only.
                        connections.spawn(async move {
                            let _ = http.connection(stream).await;
                            drop(open);
                        });
                    }
                }
                Err(error) => {
                    // A failed accept (too many open files, most often) concerns one
                    // client; the server carries on, after a pause so that running out
                    // of file descriptors does not become a busy loop. Logged once
                    // per run of failures, so the log cannot flood either.
                    if failed_accepts == 0 {
                        tracing::warn!("accept failed ({error}); retrying every 100ms");
                    }
                    failed_accepts += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            Some(_) = connections.join_next() => {}
            Some(_) = turned_away.join_next() => {}
        }
    }
    drop(listener);
    turned_away.abort_all();
    stop.send_replace(true);
    let _ = timeout(GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
}

/// Start [`serve`] as a task of the current runtime, on a free port of 127.0.0.1.
///
/// For tests on a paused clock: the server's latency is then a paused `sleep`, so
/// "80 requests at once take one latency" can be asserted to the millisecond.
pub async fn spawn(config: ServerConfig) -> io::Result<(SocketAddr, Arc<Stats>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let stats = Arc::new(Stats::default());
    tokio::spawn(serve(listener, config, stats.clone()));
    Ok((addr, stats))
}
// ANCHOR_END: serve

/// What one connection needs from the server.
struct Http {
    config: Arc<ServerConfig>,
    stats: Arc<Stats>,
    gate: Option<Arc<Barrier>>,
    page: Arc<[u8]>,
    stopping: watch::Receiver<bool>,
}

/// The parts of a request head the server acts on, copied out of the buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    /// The path, also when the request named it in absolute form.
    pub path: String,
    /// The body's length, from `Content-Length` (0 when there is none).
    pub body_len: usize,
    /// `Connection: close`, or HTTP/1.0: answer, then close.
    pub close: bool,
    /// How many bytes of the buffer the head took.
    pub len: usize,
}

/// Why a request could not be served; each is an answer, then the connection closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    BadRequest(&'static str),
    HeadTooLarge,
    BodyTooLarge,
    /// The request did not arrive whole within [`REQUEST_DEADLINE`].
    TooSlow,
    /// Not a request's fault: `max_connections` are open already.
    Busy,
}

// ANCHOR: parse
/// Parse a request head from the start of `buffer` with `httparse`: `Ok(None)`
/// when more bytes are needed.
pub fn parse_head(buffer: &[u8]) -> Result<Option<Head>, Refusal> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let len = match request.parse(buffer) {
        Ok(httparse::Status::Complete(len)) if len > MAX_HEAD => {
            return Err(Refusal::HeadTooLarge);
        }
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) if buffer.len() > MAX_HEAD => {
            return Err(Refusal::HeadTooLarge);
        }
        Ok(httparse::Status::Partial) => return Ok(None),
        // More header lines than `headers` has room for: too large, not garbage.
        Err(httparse::Error::TooManyHeaders) => return Err(Refusal::HeadTooLarge),
        Err(_) => return Err(Refusal::BadRequest("not an HTTP/1.1 request")),
    };
    let mut body_len = None;
    let mut hosts = 0;
    let mut close = request.version == Some(0);
    for header in request.headers.iter() {
        if header.name.eq_ignore_ascii_case("content-length") {
            let len = content_length(header.value)?;
            // Two lengths that differ: which one ends the body? A proxy in front may
            // take the other one, and then bytes it sent as a body are read here as
            // a request of their own (request smuggling). RFC 9112 section 6.3:
            // refuse, and close.
            if body_len.is_some_and(|seen| seen != len) {
                return Err(Refusal::BadRequest("two different Content-Length headers"));
            }
            body_len = Some(len);
        } else if header.name.eq_ignore_ascii_case("transfer-encoding") {
            return Err(Refusal::BadRequest("chunked bodies are not accepted here"));
        } else if header.name.eq_ignore_ascii_case("host") {
            hosts += 1;
        } else if header.name.eq_ignore_ascii_case("connection") {
            close |= header
                .value
                .split(|&b| b == b',')
                .any(|token| token.trim_ascii().eq_ignore_ascii_case(b"close"));
        }
    }
    // RFC 9112 section 3.2: exactly one Host in HTTP/1.1, at most one in HTTP/1.0.
    if hosts > 1 || (hosts == 0 && request.version == Some(1)) {
        return Err(Refusal::BadRequest(
            "an HTTP/1.1 request needs one Host header",
        ));
    }
    Ok(Some(Head {
        method: request.method.unwrap_or_default().to_string(),
        path: origin_path(request.path.unwrap_or_default()).to_string(),
        body_len: body_len.unwrap_or(0),
        close,
        len,
    }))
}

/// A `Content-Length` value: digits only. Rust's `parse` would take `+3` as 3, where
/// another server may refuse it or read it otherwise: a disagreement on where a body
/// ends is exactly what smuggling needs.
fn content_length(value: &[u8]) -> Result<usize, Refusal> {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(Refusal::BadRequest("Content-Length is not a number"));
    }
    let len = std::str::from_utf8(value)
        .ok()
        .and_then(|digits| digits.parse::<usize>().ok());
    match len {
        Some(len) if len <= MAX_BODY => Ok(len),
        // All digits, so only a number too large for `usize` fails to parse.
        _ => Err(Refusal::BodyTooLarge),
    }
}

/// The path of a request target: `http://host:port/site/1` (the absolute form, which
/// a client sends to a proxy, and which a server must accept) is `/site/1`.
fn origin_path(target: &str) -> &str {
    let Some((scheme, rest)) = target.split_once("://") else {
        return target;
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return target;
    }
    rest.find('/').map_or("/", |slash| &rest[slash..])
}
// ANCHOR_END: parse

impl Http {
    // ANCHOR: connection
    /// Serve one keep-alive connection: read a request, wait, answer; repeat until
    /// the client closes it, or the server stops.
    async fn connection(mut self, stream: TcpStream) -> io::Result<()> {
        stream.set_nodelay(true)?;
        let (mut read, mut write) = stream.into_split();
        self.exchange(&mut read, &mut write).await?;
        // However the exchange ended: half-close, then read and throw away what the
        // client still sends until it closes (at most the grace period). Closing a
        // socket with unread bytes in it sends a reset, and a reset destroys the
        // answers still on their way to the client.
        write.shutdown().await?;
        let mut sink = tokio::io::sink();
        let linger = timeout(GRACE, tokio::io::copy(&mut read, &mut sink));
        let stopped = tokio::select! {
            _ = linger => false,
            // A stopping server does not wait for a client that keeps its end open
            // after its last answer: it takes what has already arrived, so that the
            // close is still a FIN and not a reset, and goes.
            _ = self.stopping.wait_for(|&stop| stop) => true,
        };
        if stopped {
            let mut scratch = [0u8; 4096];
            while matches!(read.try_read(&mut scratch), Ok(n) if n > 0) {}
        }
        Ok(())
    }

    /// Requests and answers, until the client closes, a request is refused, or the
    /// server stops.
    async fn exchange(
        &mut self,
        read: &mut OwnedReadHalf,
        write: &mut OwnedWriteHalf,
    ) -> io::Result<()> {
        // Bytes read and not yet used: at most a head, a body and one read more.
        let mut buffer = Vec::new();
        loop {
            let (head, deadline) = match self.next_head(read, &mut buffer).await? {
                Next::Head(head, deadline) => (head, deadline),
                Next::Refused(refusal) => return refuse(write, refusal).await,
                Next::Closed => return Ok(()), // the client closed, or the server stops
            };
            // Skip the body by its length, so it is never read as a request. It
            // must arrive by the same deadline as the head.
            let body = self.skip(read, &mut buffer, head.len + head.body_len);
            match timeout_at(deadline, body).await {
                Ok(skipped) => skipped?,
                Err(_too_slow) => return refuse(write, Refusal::TooSlow).await,
            }

            let response = if head.method == "GET" || head.method == "HEAD" {
                let in_flight = self.stats.enter();
                match &self.gate {
                    Some(gate) => {
                        gate.wait().await;
                    }
                    None if head.path.starts_with("/slow/") => {
                        tokio::time::sleep(self.config.latency * 3).await;
                    }
                    None => tokio::time::sleep(self.config.latency).await,
                }
                drop(in_flight);
                // HEAD: the same answer, headers and all, without its body.
                respond(&head.path, &self.page, head.method == "GET")
            } else {
                not_allowed()
            };
            match timeout(IDLE, write.write_all(&response)).await {
                Ok(written) => written?,
                Err(_) => return Ok(()), // the client does not read its answers
            }
            if head.close || *self.stopping.borrow() {
                return Ok(());
            }
        }
    }
    // ANCHOR_END: connection

    /// Read until `buffer` starts with a whole request head. `Closed` when the
    /// client closes between requests, stays silent for [`IDLE`], or the server
    /// stops while no request is under way. Once a request's first byte is here, the
    /// whole of it has [`REQUEST_DEADLINE`], however slowly the bytes come: the
    /// deadline is returned with the head, for its body.
    async fn next_head(
        &mut self,
        read: &mut OwnedReadHalf,
        buffer: &mut Vec<u8>,
    ) -> io::Result<Next> {
        let mut chunk = [0u8; 4096];
        // The start of this request may be here already (pipelined behind the last
        // one): then its clock starts now.
        let mut deadline = Instant::now() + REQUEST_DEADLINE;
        loop {
            match parse_head(buffer) {
                Ok(Some(head)) => return Ok(Next::Head(head, deadline)),
                Ok(None) => {}
                Err(refusal) => return Ok(Next::Refused(refusal)),
            }
            let idle = buffer.is_empty();
            let limit = if idle {
                Instant::now() + IDLE
            } else {
                deadline
            };
            let n = tokio::select! {
                biased;
                // Between requests, a stopping server just closes: that is legal
                // HTTP for an idle keep-alive connection.
                _ = self.stopping.wait_for(|&stop| stop), if idle => return Ok(Next::Closed),
                n = timeout_at(limit, read.read(&mut chunk)) => match n {
                    Ok(n) => n?,
                    Err(_elapsed) if idle => return Ok(Next::Closed),
                    Err(_elapsed) => return Ok(Next::Refused(Refusal::TooSlow)),
                },
            };
            if n == 0 {
                return Ok(Next::Closed);
            }
            if idle {
                deadline = Instant::now() + REQUEST_DEADLINE; // the request's first byte
            }
            buffer.extend_from_slice(&chunk[..n]);
        }
    }

    /// Drop the first `len` bytes of the stream: those in `buffer`, then the rest
    /// read and thrown away as it comes (the caller puts a deadline on it).
    async fn skip(
        &self,
        read: &mut OwnedReadHalf,
        buffer: &mut Vec<u8>,
        len: usize,
    ) -> io::Result<()> {
        let from_buffer = len.min(buffer.len());
        buffer.drain(..from_buffer);
        let mut left = len - from_buffer;
        let mut chunk = [0u8; 4096];
        while left > 0 {
            let want = left.min(chunk.len());
            let n = read.read(&mut chunk[..want]).await?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            left -= n;
        }
        Ok(())
    }
}

/// What reading the next request came to.
enum Next {
    /// A whole head, and the deadline for the rest of its request.
    Head(Head, Instant),
    /// A request that cannot be served: answer, then close.
    Refused(Refusal),
    /// Nothing to answer: the client closed or stayed silent, or the server stops.
    Closed,
}

/// Answer a refused request. Even this short answer has a limit: a client that
/// reads nothing could hold the write for ever.
async fn refuse(write: &mut OwnedWriteHalf, refusal: Refusal) -> io::Result<()> {
    timeout(IDLE, write.write_all(&refused(refusal)))
        .await
        .unwrap_or(Ok(()))
}

/// A client past `max_connections`: a `503` at once rather than a wait in the queue,
/// then the careful close of every connection (half-close, and read what the client
/// sends until it closes), for [`TURN_AWAY`] at most.
async fn turn_away(stream: TcpStream) {
    let (mut read, mut write) = stream.into_split();
    let _ = timeout(TURN_AWAY, async {
        write.write_all(&refused(Refusal::Busy)).await?;
        write.shutdown().await?;
        tokio::io::copy(&mut read, &mut tokio::io::sink()).await
    })
    .await;
}

/// The answer to a request that cannot be served, with `connection: close`.
fn refused(refusal: Refusal) -> Vec<u8> {
    let (status, why) = match refusal {
        Refusal::BadRequest(why) => ("400 Bad Request", why),
        Refusal::HeadTooLarge => (
            "431 Request Header Fields Too Large",
            "request head too large",
        ),
        Refusal::BodyTooLarge => ("413 Content Too Large", "request body too large"),
        Refusal::TooSlow => ("408 Request Timeout", "request not sent in time"),
        Refusal::Busy => (
            "503 Service Unavailable",
            "too many connections; try again later",
        ),
    };
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/plain\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{why}\n",
        why.len() + 1
    )
    .into_bytes()
}

/// The answer to a method other than GET and HEAD.
fn not_allowed() -> Vec<u8> {
    let body = "only GET and HEAD are served here\n";
    format!(
        "HTTP/1.1 405 Method Not Allowed\r\nallow: GET, HEAD\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The bytes of the answer to `GET path`, with `page` as the body of a page;
/// without the body (for `HEAD`) unless `with_body`.
fn respond(path: &str, page: &[u8], with_body: bool) -> Vec<u8> {
    let number = path
        .strip_prefix("/site/")
        .or_else(|| path.strip_prefix("/slow/"));
    let (status, body) = match number {
        Some(n) if n.parse::<u64>().is_ok() => ("200 OK", page),
        _ => ("404 Not Found", &b"no such page\n"[..]),
    };
    let mut response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    if with_body {
        response.extend_from_slice(body);
    }
    response
}

/// A page of `size` bytes of readable text.
fn page(size: usize) -> Vec<u8> {
    b"asynchronous programming, step by step. "
        .iter()
        .copied()
        .cycle()
        .take(size)
        .collect()
}

/// The server running on a thread of its own, for the demos and for tests of
/// blocking clients. It stops when dropped.
pub struct Server {
    addr: SocketAddr,
    stats: Arc<Stats>,
    stop: Option<oneshot::Sender<()>>,
}

impl Server {
    /// Bind a free port of 127.0.0.1 and serve on a new thread.
    pub fn start(config: ServerConfig) -> anyhow::Result<Server> {
        // Bind here, not on the thread, so that a failure is this function's error.
        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .context("could not bind a port on 127.0.0.1 for the local server")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("could not start the server's runtime")?;
        let stats = Arc::new(Stats::default());
        let (stop, stopped) = oneshot::channel::<()>();
        let served = stats.clone();
        std::thread::Builder::new()
            .name("local-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    tokio::select! {
                        () = serve(listener, config, served) => {}
                        _ = stopped => {}
                    }
                });
            })
            .context("could not start the server's thread")?;
        Ok(Server {
            addr,
            stats,
            stop: Some(stop),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The address of page `n`.
    pub fn url(&self, n: usize) -> String {
        site_url(self.addr, n)
    }

    /// The addresses of pages `0..count`: the notes' list of sites.
    pub fn urls(&self, count: usize) -> Vec<String> {
        (0..count).map(|n| self.url(n)).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The address of page `n` on a server at `addr`.
pub fn site_url(addr: SocketAddr, n: usize) -> String {
    format!("http://{addr}/site/{n}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_have_the_configured_size_and_other_paths_are_404() {
        let ok = String::from_utf8(respond("/site/7", &page(100), true)).unwrap();
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        assert!(ok.contains("content-length: 100\r\n"), "{ok}");
        assert!(ok.ends_with(&String::from_utf8(page(100)).unwrap()));
        let missing = String::from_utf8(respond("/nothing", &page(100), true)).unwrap();
        assert!(
            missing.starts_with("HTTP/1.1 404 Not Found\r\n"),
            "{missing}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn each_answer_waits_the_latency() {
        let (addr, stats) = spawn(ServerConfig::default()).await.unwrap();
        let started = tokio::time::Instant::now();
        let client = reqwest::Client::new();
        let body = client
            .get(site_url(addr, 0))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(started.elapsed(), Duration::from_millis(50));
        assert_eq!(body.len(), 1024);
        assert_eq!((stats.requests(), stats.connections()), (1, 1));
    }

    /// Send `request` as it is, and read the whole answer until the server closes.
    async fn raw(addr: SocketAddr, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let _ = stream.write_all(request).await;
        let _ = stream.shutdown().await;
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer).await;
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[tokio::test(start_paused = true)]
    async fn garbage_gets_400_and_a_closed_connection() {
        let (addr, stats) = spawn(ServerConfig::default()).await.unwrap();
        let answer = raw(addr, b"\x16\x03\x01 hello?\r\n\r\n").await;
        assert!(
            answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
            "{answer}"
        );
        assert_eq!(stats.requests(), 0, "garbage is not a request");
    }

    #[tokio::test(start_paused = true)]
    async fn other_methods_get_405_and_their_body_is_not_a_second_request() {
        let (addr, stats) = spawn(ServerConfig::default()).await.unwrap();
        // The body is itself a request: read by hand, it would run as one.
        let body = "GET /site/1 HTTP/1.1\r\nhost: x\r\n\r\n";
        let request = format!(
            "POST /site/0 HTTP/1.1\r\nhost: x\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        let answer = raw(addr, request.as_bytes()).await;
        assert!(
            answer.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
            "{answer}"
        );
        assert!(answer.contains("allow: GET, HEAD\r\n"), "{answer}");
        assert_eq!(
            answer.matches("HTTP/1.1").count(),
            1,
            "one answer only: {answer}"
        );
        assert_eq!(stats.requests(), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn pipelined_gets_are_each_answered_in_order() {
        let (addr, stats) = spawn(ServerConfig::default()).await.unwrap();
        let answer = raw(
            addr,
            b"GET /site/0 HTTP/1.1\r\nhost: x\r\n\r\nGET /nope HTTP/1.1\r\nhost: x\r\n\r\n",
        )
        .await;
        let first = answer.find("200 OK").expect("the page");
        let second = answer.find("404 Not Found").expect("the missing page");
        assert!(first < second, "{answer}");
        assert_eq!(stats.requests(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_head_without_end_is_refused_once_it_passes_the_limit() {
        let (addr, _) = spawn(ServerConfig::default()).await.unwrap();
        // A request line of 1 MB: the server stops reading at MAX_HEAD.
        let mut request = b"GET /".to_vec();
        request.resize(1024 * 1024, b'a');
        let answer = raw(addr, &request).await;
        assert!(
            answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            "{answer}"
        );
    }

    #[test]
    fn a_body_over_the_limit_or_a_bad_length_is_refused() {
        let big = format!(
            "POST / HTTP/1.1\r\ncontent-length: {}\r\n\r\n",
            MAX_BODY + 1
        );
        assert_eq!(parse_head(big.as_bytes()), Err(Refusal::BodyTooLarge));
        let bad = b"POST / HTTP/1.1\r\ncontent-length: many\r\n\r\n";
        assert!(matches!(parse_head(bad), Err(Refusal::BadRequest(_))));
        assert_eq!(
            parse_head(b"GET /site/0 HTTP/1.1\r\nhost: x"),
            Ok(None),
            "not complete yet"
        );
    }

    /// The status codes of the answers in `answer`, in order.
    fn statuses(answer: &str) -> Vec<&str> {
        answer
            .match_indices("HTTP/1.1 ")
            .map(|(at, _)| &answer[at + 9..at + 12])
            .collect()
    }

    /// Wait (on the paused clock, a millisecond at a time) until `check` holds.
    async fn until(what: &str, check: impl Fn() -> bool) {
        for _ in 0..10_000 {
            if check() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        panic!("waited 10s of paused time for {what}");
    }

    #[tokio::test(start_paused = true)]
    async fn two_different_content_lengths_get_400_and_the_hidden_request_never_runs() {
        let (addr, stats) = spawn(ServerConfig::default()).await.unwrap();
        // A proxy that believes the first length forwards one request; a server that
        // believed the last would find a second one, `GET /smuggled`, in the body.
        let answer = raw(
            addr,
            b"GET /site/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 37\r\nContent-Length: 0\r\n\r\n\
              GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
        )
        .await;
        assert_eq!(statuses(&answer), ["400"], "{answer}");
        assert!(answer.contains("connection: close\r\n"), "{answer}");
        assert_eq!(stats.requests(), 0, "neither request runs");
    }

    #[test]
    fn a_content_length_is_digits_only_and_repeated_ones_must_agree() {
        let head = |lengths: &[&str]| {
            let lines: String = lengths
                .iter()
                .map(|len| format!("content-length: {len}\r\n"))
                .collect();
            parse_head(format!("POST / HTTP/1.1\r\nhost: x\r\n{lines}\r\n").as_bytes())
        };
        for bad in ["+3", "-1", "3 4", "0x10", ""] {
            assert!(
                matches!(head(&[bad]), Err(Refusal::BadRequest(_))),
                "{bad:?}: {:?}",
                head(&[bad])
            );
        }
        assert!(matches!(head(&["5", "6"]), Err(Refusal::BadRequest(_))));
        assert_eq!(head(&["5", "5"]).unwrap().unwrap().body_len, 5);
        assert_eq!(
            head(&[" 7 "]).unwrap().unwrap().body_len,
            7,
            "spaces around"
        );
        assert_eq!(
            head(&["99999999999999999999999"]),
            Err(Refusal::BodyTooLarge)
        );
    }

    #[test]
    fn an_http_1_1_request_needs_exactly_one_host() {
        let none = parse_head(b"GET /site/1 HTTP/1.1\r\n\r\n");
        assert!(matches!(none, Err(Refusal::BadRequest(_))), "{none:?}");
        let two = parse_head(b"GET /site/1 HTTP/1.1\r\nhost: a\r\nhost: b\r\n\r\n");
        assert!(matches!(two, Err(Refusal::BadRequest(_))), "{two:?}");
        let old = parse_head(b"GET /site/1 HTTP/1.0\r\n\r\n")
            .unwrap()
            .unwrap();
        assert!(
            old.close,
            "HTTP/1.0 needs no Host, and closes after the answer"
        );
    }

    #[test]
    fn an_absolute_form_target_is_served_like_its_path() {
        let head = parse_head(b"GET http://127.0.0.1:8080/site/3 HTTP/1.1\r\nhost: x\r\n\r\n");
        assert_eq!(head.unwrap().unwrap().path, "/site/3");
        assert_eq!(origin_path("HTTP://example.com"), "/");
        assert_eq!(origin_path("/site/3"), "/site/3");
    }

    #[tokio::test(start_paused = true)]
    async fn more_header_lines_than_the_limit_get_431_not_400() {
        let (addr, _) = spawn(ServerConfig::default()).await.unwrap();
        let filler: String = (0..=MAX_HEADERS)
            .map(|n| format!("x-filler-{n}: x\r\n"))
            .collect();
        let request = format!("GET /site/1 HTTP/1.1\r\nhost: x\r\n{filler}\r\n");
        let answer = raw(addr, request.as_bytes()).await;
        assert_eq!(statuses(&answer), ["431"], "{answer}");
    }

    #[tokio::test(start_paused = true)]
    async fn head_gets_the_headers_of_the_page_without_its_body() {
        let (addr, stats) = spawn(ServerConfig::default()).await.unwrap();
        // HEAD, then GET on the same connection: a body after the HEAD answer would be
        // read as the start of the next answer.
        let answer = raw(
            addr,
            b"HEAD /site/1 HTTP/1.1\r\nhost: x\r\n\r\nGET /site/2 HTTP/1.1\r\nhost: x\r\n\r\n",
        )
        .await;
        assert_eq!(statuses(&answer), ["200", "200"], "{answer}");
        let (head, get) = answer.split_at(answer.rfind("HTTP/1.1 ").unwrap());
        assert!(head.contains("content-length: 1024\r\n"), "{head}");
        assert!(head.ends_with("\r\n\r\n"), "no body after HEAD: {head}");
        assert!(get.ends_with(&String::from_utf8(page(1024)).unwrap()));
        assert_eq!(stats.requests(), 2);
    }

    /// Send `first` at once, then `then` a byte every 3 seconds (so that no read
    /// waits long); the answer, and when it came.
    async fn trickle(addr: SocketAddr, first: &[u8], then: &[u8]) -> (String, Duration) {
        let (mut read, mut write) = TcpStream::connect(addr).await.unwrap().into_split();
        let started = tokio::time::Instant::now();
        let (first, then) = (first.to_vec(), then.to_vec());
        let sender = tokio::spawn(async move {
            let _ = write.write_all(&first).await;
            for byte in then {
                tokio::time::sleep(Duration::from_secs(3)).await;
                if write.write_all(&[byte]).await.is_err() {
                    break;
                }
            }
            write // kept open: the server, not the client, must end this
        });
        let mut answer = Vec::new();
        let _ = read.read_to_end(&mut answer).await;
        let took = started.elapsed();
        sender.abort();
        (String::from_utf8_lossy(&answer).into_owned(), took)
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_sent_a_byte_at_a_time_is_cut_off_at_the_deadline() {
        let (addr, stats) = spawn(ServerConfig::default()).await.unwrap();
        let slow_head = [b'z'; 100];
        let (answer, took) = trickle(addr, b"GET /site/1 HTTP/1.1\r\nx-slow: ", &slow_head).await;
        assert_eq!(statuses(&answer), ["408"], "{answer}");
        assert_eq!(
            took, REQUEST_DEADLINE,
            "from the first byte, however often one comes"
        );

        // A body has the same deadline as its head.
        let head = b"POST /site/1 HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n";
        let (answer, took) = trickle(addr, head, &[b'z'; 100]).await;
        assert_eq!(statuses(&answer), ["408"], "{answer}");
        assert_eq!(took, REQUEST_DEADLINE);
        assert_eq!(stats.requests(), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_silent_connection_is_closed_after_the_idle_limit_not_the_deadline() {
        let (addr, _) = spawn(ServerConfig::default()).await.unwrap();
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let started = tokio::time::Instant::now();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.unwrap();
        assert_eq!(started.elapsed(), IDLE);
        assert!(answer.is_empty(), "closed without a word: {answer:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn past_max_connections_a_client_gets_503_and_its_place_frees_when_one_leaves() {
        let config = ServerConfig {
            max_connections: 2,
            ..ServerConfig::default()
        };
        let (addr, stats) = spawn(config).await.unwrap();
        let first = TcpStream::connect(addr).await.unwrap();
        let _second = TcpStream::connect(addr).await.unwrap();
        until("two open connections", || stats.open_connections() == 2).await;

        let answer = raw(addr, b"GET /site/1 HTTP/1.1\r\nhost: x\r\n\r\n").await;
        assert_eq!(statuses(&answer), ["503"], "{answer}");
        assert!(answer.contains("connection: close\r\n"), "{answer}");
        assert_eq!((stats.turned_away(), stats.requests()), (1, 0));

        drop(first);
        until("the first connection closed", || {
            stats.open_connections() == 1
        })
        .await;
        let answer = raw(
            addr,
            b"GET /site/1 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
        )
        .await;
        assert_eq!(statuses(&answer), ["200"], "{answer}");
    }
}
