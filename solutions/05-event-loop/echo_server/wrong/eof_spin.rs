//! WRONG: never checks for end of file (read returning 0), so it spins on a closed connection
//!
//! Step 6: a line echo server on your loop.
//!
//! asyncio's first networking example echoes whatever it reads. A real server
//! speaks in messages, most often lines, and guards its memory: asyncio's
//! `reader.readline()` returns one line, and raises `ValueError` when a line is
//! longer than the stream's `limit` (64 KiB by default; the newline is not counted),
//! instead of buffering without end. This server does both on your runtime: each
//! line goes back once its newline has arrived, a line longer than [`MAX_LINE`] gets
//! [`TOO_LONG`] and the connection is closed, and a last line cut short by the end of
//! the stream goes back as it came, like `readline` at end of file.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use crate::join_handle::spawn;
use crate::reactor::{TcpListener, TcpStream};
use crate::timers::sleep;

/// The longest line the server echoes, in bytes, its newline not counted.
pub const MAX_LINE: usize = 1024;

/// The answer to a longer line, just before the server closes the connection.
pub const TOO_LONG: &[u8] = b"error: line too long\n";

/// What `serve` needs from a listener: the real one, or the tests' own, which fails
/// as a server out of file descriptors does.
pub trait Accept {
    fn accept(&self) -> impl Future<Output = io::Result<(TcpStream, SocketAddr)>> + Send;
}

impl Accept for TcpListener {
    fn accept(&self) -> impl Future<Output = io::Result<(TcpStream, SocketAddr)>> + Send {
        TcpListener::accept(self)
    }
}

/// Accept connections for ever, each served by a task of its own.
pub async fn serve(listener: impl Accept) {
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => {
                // Detached: a client that vanishes ends its own task, nothing else.
                drop(spawn(echo(stream)));
            }
            // Out of file descriptors, or a connection reset before we took it:
            // back off a moment and go on serving. Trying again at once would spin,
            // since no descriptor is freed meanwhile.
            Err(_) => sleep(Duration::from_millis(10)).await,
        }
    }
}

/// Echo one connection line by line until the client closes its side; return the
/// number of bytes echoed.
pub async fn echo(mut stream: TcpStream) -> io::Result<u64> {
    // The line not yet complete: never more than MAX_LINE bytes and one read.
    let mut line = Vec::with_capacity(MAX_LINE + 1);
    let mut buf = [0; 4096];
    let mut echoed = 0;
    loop {
        let n = stream.read(&mut buf).await?;
        let mut rest = &buf[..n];
        while !rest.is_empty() {
            let newline = rest.iter().position(|&byte| byte == b'\n');
            let piece = &rest[..newline.map_or(rest.len(), |end| end + 1)];
            rest = &rest[piece.len()..];
            line.extend_from_slice(piece);
            // Checked before anything of the line is written: a line that turns
            // out too long is refused whole, however it was split into reads.
            if line.len() - usize::from(newline.is_some()) > MAX_LINE {
                stream.write_all(TOO_LONG).await?;
                return Ok(echoed);
            }
            if newline.is_some() {
                stream.write_all(&line).await?;
                echoed += line.len() as u64;
                line.clear();
            }
        }
    }
}
