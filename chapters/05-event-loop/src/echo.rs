//! Step 7, the payoff: an echo server and client, running on our loop.
//!
//! The asyncio documentation's first networking example is an echo server:
//! `asyncio.start_server(handle_echo, '127.0.0.1', 8888)`, where `handle_echo`
//! reads, writes the data back, and closes. Here it is on the loop we built, one
//! task per connection, so a slow or broken client only ever stalls its own task.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use crate::event_loop::spawn_detached;
use crate::net::{TcpListener, TcpStream};
use crate::timer::sleep;

// ANCHOR: server
/// Accept connections for ever, each echoed by its own task.
pub async fn serve(listener: TcpListener) {
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => {
                // The task's result is dropped: a client that vanishes mid-line
                // (a reset, a broken pipe) ends its own task and nothing else.
                spawn_detached(async move {
                    let _ = echo(stream).await;
                });
            }
            // Out of file descriptors, or a connection reset before we took it:
            // wait a moment and go on serving, rather than die or spin.
            Err(_) => sleep(Duration::from_millis(10)).await,
        }
    }
}

/// Echo one connection until the client closes it; returns the bytes echoed.
pub async fn echo(mut stream: TcpStream) -> io::Result<u64> {
    stream.set_nodelay(true)?;
    let mut buf = [0; 4096];
    let mut echoed = 0;
    loop {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(echoed); // the client closed its side
        }
        stream.write_all(&buf[..n]).await?;
        echoed += n as u64;
    }
}
// ANCHOR_END: server

// ANCHOR: client
/// Connect to `addr`, send `message` `rounds` times, each time waiting for the
/// whole echo and checking it.
pub async fn client(addr: SocketAddr, message: &[u8], rounds: usize) -> io::Result<()> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let mut reply = vec![0; message.len()];
    for _ in 0..rounds {
        stream.write_all(message).await?;
        stream.read_exact(&mut reply).await?;
        if reply != message {
            return Err(io::Error::other("the echo differs from what was sent"));
        }
    }
    Ok(())
}

/// One line to the server and back: what the `echo` demo's clients do.
pub async fn ask(addr: SocketAddr, word: &str) -> io::Result<(String, String)> {
    let mut stream = TcpStream::connect(addr).await?;
    let line = format!("{word}\n");
    stream.write_all(line.as_bytes()).await?;
    let mut reply = vec![0; line.len()];
    stream.read_exact(&mut reply).await?;
    let reply = String::from_utf8_lossy(&reply).trim_end().to_string();
    Ok((word.to_string(), reply))
}
// ANCHOR_END: client
