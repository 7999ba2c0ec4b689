//! Step 9: the same echo server on tokio, and what tokio does that we do not.
//!
//! Line for line, this is [`echo`](crate::echo) with tokio's types: the shape of an
//! async program does not depend on the loop under it. What tokio adds is scale:
//!
//! - **scheduler**: the multi-thread runtime runs a loop like ours on every core;
//!   each worker has a local queue, and an idle worker *steals* half of a busy
//!   one's queue. Each worker also keeps a "next task" slot (the task just woken
//!   by the running one runs next, hot in cache). The current-thread runtime used
//!   in the benchmark is one such loop, much like ours.
//! - **IO driver**: the same mio reactor, but readiness is kept per source in an
//!   atomic word, so a task skips the system call when it already knows the socket
//!   is not ready, and mio's token is the address of that state (no hash map).
//! - **timer wheel**: instead of a heap (O(log n) per timer), six levels of wheels
//!   of 64 slots, at 1 ms resolution: adding and cancelling a timer are O(1), and
//!   dropping a `Sleep` removes its entry at once.
//! - **cooperative budget**: every task gets 128 operations per turn; after that,
//!   tokio's IO and channel futures return `Pending` even when ready, so a task
//!   looping over a fast socket cannot starve the others. Our loop takes only
//!   what is ready at the start of a turn, which protects timers and IO, but not
//!   a task that never yields.

use std::io;
use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: server
/// Accept connections for ever, each echoed by its own task.
pub async fn serve(listener: TcpListener) {
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => drop(tokio::spawn(echo(stream))),
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
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
            return Ok(echoed);
        }
        stream.write_all(&buf[..n]).await?;
        echoed += n as u64;
    }
}
// ANCHOR_END: server

/// The echo client, on tokio.
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

/// A current-thread tokio runtime with IO and timers: the runtime our loop is
/// compared with.
pub fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tokio_echo_server_echoes_over_loopback() {
        let result = runtime().unwrap().block_on(async {
            let listener = TcpListener::bind("127.0.0.1:0").await?;
            let addr = listener.local_addr()?;
            tokio::spawn(serve(listener));
            client(addr, b"hello tokio", 10).await
        });
        assert!(result.is_ok(), "{result:?}");
    }

    #[test]
    fn our_client_talks_to_the_tokio_server_across_runtimes() {
        // Two loops, two threads, one TCP conversation: the wire does not care.
        let tokio_rt = runtime().unwrap();
        let listener = tokio_rt.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || tokio_rt.block_on(serve(listener)));
        let ours = crate::reactor::new_event_loop().unwrap();
        let result = ours.run(crate::echo::client(addr, b"from our loop", 10));
        assert!(result.is_ok(), "{result:?}");
        drop(server); // detached; ends with the test process
    }
}
