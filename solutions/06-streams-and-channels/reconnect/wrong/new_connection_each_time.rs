//! WRONG: opens a new connection for every request and drops it after (Python's
//! `requests.get` without a `Session`): it works, but each request pays a connect.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
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

/// One open connection: send a line, read the reply line.
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

    /// Send `line` and read the reply; a closed connection is an error.
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

/// Connect to `addr`, trying `backoff.attempts` times in all, and sleeping
/// `first`, `2 * first`, `4 * first`... between attempts.
pub async fn connect_with_backoff(addr: SocketAddr, backoff: Backoff) -> anyhow::Result<TcpStream> {
    let mut delay = backoff.first;
    let mut attempt = 1;
    loop {
        match TcpStream::connect(addr).await {
            Ok(stream) => return Ok(stream),
            Err(error) if attempt >= backoff.attempts => {
                return Err(error).with_context(|| {
                    format!("could not connect to {addr}: gave up after {attempt} attempts")
                });
            }
            Err(_) => {
                tokio::time::sleep(delay).await;
                delay *= 2;
                attempt += 1;
            }
        }
    }
}

impl ReconnectingClient {
    /// Send `line` and return the reply, reconnecting once if the connection is dead.
    pub async fn request(&mut self, line: &str) -> anyhow::Result<String> {
        let mut tries_left = 2;
        loop {
            tries_left -= 1;
            let mut connection = match self.connection.take() {
                Some(connection) => connection,
                None => {
                    let stream = connect_with_backoff(self.addr, self.backoff).await?;
                    self.connections += 1;
                    Connection::new(stream)
                }
            };
            match connection.exchange(line).await {
                Ok(reply) => {
                    drop(connection);
                    return Ok(reply);
                }
                Err(error) if tries_left == 0 => {
                    return Err(error).context("the connection failed, and so did a fresh one");
                }
                // The connection was dead; loop round for a fresh one. Resending is
                // safe here because a request is answered at most once; a real
                // client must ask whether its requests can be repeated.
                Err(_) => {}
            }
        }
    }
}

/// A client that opens its connection when first needed, and opens a new one when
/// the old one turns out to be dead.
#[derive(Debug)]
pub struct ReconnectingClient {
    addr: SocketAddr,
    backoff: Backoff,
    connection: Option<Connection>,
    /// How many connections this client has opened so far.
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
}
