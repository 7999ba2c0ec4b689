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
//! Send each line a client sends straight back to it, as soon as it has come, until
//! the client closes its end: exactly the bytes it sent, newline and all (spaces,
//! tabs and a `\r` too; a last line that ends without a newline comes back without
//! one, as Python's `writer.write(line)` sends it). Many clients can be connected at
//! once, and one that is quiet must not hold up the others; one whose connection
//! breaks (it vanishes, or hangs up in the middle of a line) ends its own handler,
//! never the server. And `accept` itself can fail (most often "too many open
//! files"): the server waits a little (10 ms or more) and carries on accepting.
//!
//! The listener is given, in `given.rs`: a `TcpListener` whose `accept` the tests
//! can make fail on purpose.

use tokio::net::TcpStream;

use crate::given::Listener;

// ANCHOR: exercise
/// Echo every line `stream` sends back to it, until it closes its end.
pub async fn handle_client(stream: TcpStream) -> std::io::Result<()> {
    // TODO: split the stream, read it line by line with `read_until(b'\n', ...)`
    // (which keeps the newline, if there was one), and write back what you read.
    let _ = stream;
    todo!("echo each line back")
}

/// Accept clients for ever; each is served by `handle_client`. A failed `accept`
/// is waited out, never returned.
pub async fn serve(listener: Listener) -> std::io::Result<()> {
    // TODO: loop on `listener.accept()`, serving each client without waiting for
    // the one before it to leave. When `accept` fails, sleep a little and go on.
    let _ = listener;
    todo!("accept clients")
}
// ANCHOR_END: exercise
