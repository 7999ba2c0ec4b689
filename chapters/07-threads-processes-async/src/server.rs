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
//! anything else is `404 Not Found`.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Barrier, oneshot};

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
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            latency: Duration::from_millis(50),
            body_size: 1024,
            batch: None,
        }
    }
}

/// What the server has seen, readable while it runs.
#[derive(Debug, Default)]
pub struct Stats {
    connections: AtomicUsize,
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

// ANCHOR: serve
/// Accept connections on `listener` for ever, each served by a task of its own.
///
/// Tests spawn this on their own runtime (so that a paused clock applies to the
/// latency); [`Server::start`] runs it on a thread of its own.
pub async fn serve(listener: TcpListener, config: ServerConfig, stats: Arc<Stats>) {
    let config = Arc::new(config);
    let gate = config.batch.map(|n| Arc::new(Barrier::new(n.max(1))));
    loop {
        // A failed accept (a reset before accept, too many open files) concerns one
        // client; the server carries on, as a real one would, after a pause so that
        // running out of file descriptors does not become a busy loop.
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        stats.connections.fetch_add(1, Ordering::SeqCst);
        let (config, stats, gate) = (config.clone(), stats.clone(), gate.clone());
        tokio::spawn(async move {
            // A client that hangs up mid-request is its own problem, not the server's.
            let _ = connection(stream, &config, &stats, gate.as_deref()).await;
        });
    }
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

/// Serve one keep-alive connection: read a request, wait, answer; repeat until the
/// client closes it.
async fn connection(
    stream: TcpStream,
    config: &ServerConfig,
    stats: &Stats,
    gate: Option<&Barrier>,
) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut request_line = String::new();
    loop {
        request_line.clear();
        if read.read_line(&mut request_line).await? == 0 {
            return Ok(()); // the client closed the connection
        }
        // The headers end at an empty line; a GET has no body, so that is all.
        let mut header = String::new();
        loop {
            header.clear();
            if read.read_line(&mut header).await? == 0 {
                return Ok(());
            }
            if header.trim_end().is_empty() {
                break;
            }
        }

        let path = request_line.split_whitespace().nth(1).unwrap_or("/");
        let in_flight = stats.enter();
        match gate {
            Some(gate) => {
                gate.wait().await;
            }
            None if path.starts_with("/slow/") => tokio::time::sleep(config.latency * 3).await,
            None => tokio::time::sleep(config.latency).await,
        }
        let response = respond(path, config.body_size);
        write.write_all(&response).await?;
        drop(in_flight);
    }
}
// ANCHOR_END: serve

/// The bytes of the answer to `GET path`.
fn respond(path: &str, body_size: usize) -> Vec<u8> {
    let number = path
        .strip_prefix("/site/")
        .or_else(|| path.strip_prefix("/slow/"));
    let (status, body) = match number {
        Some(n) if n.parse::<u64>().is_ok() => ("200 OK", page(body_size)),
        _ => ("404 Not Found", b"no such page\n".to_vec()),
    };
    let mut response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
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
        let ok = String::from_utf8(respond("/site/7", 100)).unwrap();
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
        assert!(ok.contains("content-length: 100\r\n"), "{ok}");
        assert!(ok.ends_with(&String::from_utf8(page(100)).unwrap()));
        let missing = String::from_utf8(respond("/nothing", 100)).unwrap();
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
}
