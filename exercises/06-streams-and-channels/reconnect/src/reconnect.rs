//! Exercise 5 (hard): a client that reconnects.
//!
//! Servers restart, and connections drop. A client that talks to one for a long
//! time must notice a dead connection, open a new one and carry on, and must not
//! hammer a server that is down: it waits longer after each failed attempt
//! (exponential back-off), and gives up after a set number of attempts.
//!
//! ```python
//! async def connect_with_backoff(host, port, first=0.1, attempts=5):
//!     delay = first
//!     for attempt in range(1, attempts + 1):
//!         try:
//!             return await asyncio.open_connection(host, port)
//!         except OSError:
//!             if attempt == attempts:
//!                 raise
//!             await asyncio.sleep(delay)
//!             delay *= 2
//! ```
//!
//! The server speaks a line protocol: one request line, one reply line.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

/// How to retry a connection: `attempts` tries in all, waiting `first` after the
/// first failure, twice that after the second, and so on.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub first: Duration,
    pub attempts: u32,
}

/// One open connection: send a line, read the reply line. Given, so the exercise
/// is about what to do when it fails.
#[derive(Debug)]
pub struct Connection {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
}

impl Connection {
    pub fn new(stream: TcpStream) -> Connection {
        let (reader, writer) = stream.into_split();
        Connection {
            reader: BufReader::new(reader),
            writer,
        }
    }

    /// Send `line` and read the reply. A server that has closed the connection
    /// shows up here as an error: the write fails, or the read finds end of
    /// stream (`UnexpectedEof`).
    pub async fn exchange(&mut self, line: &str) -> std::io::Result<String> {
        self.writer
            .write_all(format!("{line}\n").as_bytes())
            .await?;
        let mut reply = String::new();
        if self.reader.read_line(&mut reply).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        Ok(reply.trim_end().to_string())
    }
}

// ANCHOR: exercise
/// Connect to `addr`, trying `backoff.attempts` times in all, and sleeping
/// `first`, `2 * first`, `4 * first`... between attempts. When every attempt
/// fails, the error says `gave up after N attempts`.
pub async fn connect_with_backoff(addr: SocketAddr, backoff: Backoff) -> anyhow::Result<TcpStream> {
    // TODO: a loop of `TcpStream::connect(addr)`, with `tokio::time::sleep`
    // between failed attempts and the delay doubled each time.
    let _ = (addr, backoff);
    todo!("connect, retrying with back-off")
}

/// A client that opens its connection when first needed, and opens a new one when
/// the old one turns out to be dead.
#[derive(Debug)]
pub struct ReconnectingClient {
    addr: SocketAddr,
    backoff: Backoff,
    connection: Option<Connection>,
    /// How many connections this client has opened so far (a connect that failed
    /// opened none).
    pub connections: u32,
}

impl ReconnectingClient {
    /// A client for `addr`. It does not connect until the first request.
    pub fn new(addr: SocketAddr, backoff: Backoff) -> ReconnectingClient {
        ReconnectingClient {
            addr,
            backoff,
            connection: None,
            connections: 0,
        }
    }

    /// Send `line` and return the reply. If there is no connection, open one (with
    /// back-off). If the exchange fails on a connection, drop it, open a new one
    /// and send the line once more; if that fails too, return the error.
    pub async fn request(&mut self, line: &str) -> anyhow::Result<String> {
        // TODO: at most two tries of: take or open a connection (counting it in
        // `self.connections`), `exchange` the line, keep the connection on
        // success, drop it on failure.
        let _ = (line, self.addr, self.backoff, &mut self.connection);
        todo!("send the request, reconnecting once if the connection is dead")
    }
}
// ANCHOR_END: exercise
