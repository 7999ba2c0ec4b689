//! Step 6: an echo server on your loop.
//!
//! asyncio's first networking example: `asyncio.start_server(handle_echo, ...)`,
//! where each connection gets its own task that reads and writes back until the
//! client closes. One task per connection is what lets one thread serve thousands
//! of clients: a slow or silent client only ever stalls its own task.

use std::io;
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

/// Accept connections for ever, each echoed by a task of its own.
pub async fn serve(listener: TcpListener) {
    // TODO: loop for ever: accept a connection and give it a task of its own that
    // runs `echo`; if accept fails (out of file descriptors...), sleep 10 ms and
    // go on.
    let _ = listener;
    todo!("the accept loop")
}

/// Echo one connection until the client closes its side; return the bytes echoed.
pub async fn echo(stream: TcpStream) -> io::Result<u64> {
    // TODO: read into a 4 KB buffer; 0 bytes means the client closed its side:
    // return the count. Otherwise write back everything read, and go on.
    let _ = stream;
    todo!("read, write back, until end of file")
}
