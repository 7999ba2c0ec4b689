//! A client for the line server: `open_connection`, then one line out, one line back.
//!
//! The demos and the tests drive the server through real sockets with this, so
//! what they prove is what `nc 127.0.0.1 <port>` would see. It also sends the
//! awkward things a real client does: half a line, a line that is too long.

use std::net::SocketAddr;

use anyhow::Context as _;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

// ANCHOR: client
#[derive(Debug)]
pub struct Client {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
}

impl Client {
    pub async fn connect(addr: SocketAddr) -> anyhow::Result<Client> {
        let stream = TcpStream::connect(addr)
            .await
            .with_context(|| format!("could not connect to {addr}"))?;
        // Two halves, so that reading and writing can be owned separately, as
        // Python's `reader, writer = await asyncio.open_connection(...)`.
        let (reader, writer) = stream.into_split();
        Ok(Client {
            reader: BufReader::new(reader),
            writer,
        })
    }

    /// Send `line` and a newline, and wait for the one-line reply.
    pub async fn request(&mut self, line: &str) -> anyhow::Result<String> {
        self.send_raw(format!("{line}\n").as_bytes()).await?;
        self.reply().await
    }

    /// Send bytes as they are: half a line, or no newline at all.
    pub async fn send_raw(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.writer
            .write_all(bytes)
            .await
            .context("the server closed the connection")
    }

    /// The next line from the server, without its newline.
    pub async fn reply(&mut self) -> anyhow::Result<String> {
        let mut line = String::new();
        let read = self
            .reader
            .read_line(&mut line)
            .await
            .context("could not read the reply")?;
        anyhow::ensure!(read > 0, "the server closed the connection");
        Ok(line.trim_end().to_string())
    }

    /// True once the server has closed its end (reading gives end of stream).
    pub async fn is_closed_by_server(&mut self) -> bool {
        let mut rest = String::new();
        matches!(self.reader.read_line(&mut rest).await, Ok(0) | Err(_))
    }
}
// ANCHOR_END: client
