//! Exercise 1 (easy): an echo server for many clients.
//!
//! ```python
//! async def handle(reader, writer):
//!     async for line in reader:          # one line at a time, until EOF
//!         writer.write(line)
//!         await writer.drain()
//!     writer.close()
//!
//! server = await asyncio.start_server(handle, "127.0.0.1", 0)
//! ```
//!
//! Send each line a client sends straight back to it, newline and all, until the
//! client closes its end. Many clients can be connected at once, and one that is
//! quiet must not hold up the others; one whose connection breaks (it vanishes, or
//! hangs up in the middle of a line) ends its own handler, never the server.

use tokio::net::{TcpListener, TcpStream};

// ANCHOR: exercise
/// Echo every line `stream` sends back to it, until it closes its end.
pub async fn handle_client(stream: TcpStream) -> std::io::Result<()> {
    // TODO: split the stream, read it line by line (`BufReader` + `lines`, or
    // `read_line`), and write each line back followed by "\n".
    let _ = stream;
    todo!("echo each line back")
}

/// Accept clients for ever; each is served by `handle_client`.
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    // TODO: loop on `listener.accept()`, serving each client without waiting for
    // the one before it to leave.
    let _ = listener;
    todo!("accept clients")
}
// ANCHOR_END: exercise
