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
// Your code will use these. Then delete this line.
#[allow(unused_imports)]
use std::time::Duration;

// Your code will use these. Then delete this line.
#[allow(unused_imports)]
use crate::join_handle::spawn;
use crate::reactor::{TcpListener, TcpStream};
// Your code will use these. Then delete this line.
#[allow(unused_imports)]
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
    // TODO: loop for ever: accept a connection and give it a task of its own that
    // runs `echo` (drop the handle). If accept fails (out of file descriptors...),
    // sleep 10 ms and go on: one failed accept must not end the server.
    let _ = listener;
    todo!("the accept loop")
}

/// Echo one connection line by line until the client closes its side; return the
/// number of bytes echoed.
pub async fn echo(stream: TcpStream) -> io::Result<u64> {
    // TODO: read into a buffer and keep the line not yet complete in a `Vec`.
    // - Each line goes back, newline included, once its newline has arrived.
    // - As soon as the line holds more than MAX_LINE bytes (its newline not
    //   counted), write TOO_LONG and return: nothing of that line is echoed.
    // - `read` returning 0 means the client closed its side: write back what is
    //   left of the last line as it is (no newline added) and return.
    // Return the number of bytes echoed (not reads, not lines).
    let _ = stream;
    todo!("echo lines until end of file")
}
