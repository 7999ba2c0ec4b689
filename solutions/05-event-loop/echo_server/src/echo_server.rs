//! Step 6: an echo server on your loop.
//!
//! asyncio's first networking example: `asyncio.start_server(handle_echo, ...)`,
//! where each connection gets its own task that reads and writes back until the
//! client closes. One task per connection is what lets one thread serve thousands
//! of clients: a slow or silent client only ever stalls its own task.

use std::io;
use std::time::Duration;

use crate::join_handle::spawn;
use crate::reactor::{TcpListener, TcpStream};
use crate::timers::sleep;

/// Accept connections for ever, each echoed by a task of its own.
pub async fn serve(listener: TcpListener) {
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => {
                // Detached: a client that vanishes ends its own task, nothing else.
                drop(spawn(echo(stream)));
            }
            // Out of file descriptors, or a connection reset before we took it:
            // back off a moment and go on serving.
            Err(_) => sleep(Duration::from_millis(10)).await,
        }
    }
}

/// Echo one connection until the client closes its side; return the bytes echoed.
pub async fn echo(mut stream: TcpStream) -> io::Result<u64> {
    let mut buf = [0; 4096];
    let mut echoed = 0;
    loop {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(echoed);
        }
        stream.write_all(&buf[..n]).await?;
        echoed += n as u64;
    }
}
