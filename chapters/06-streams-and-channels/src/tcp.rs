//! TCP: `asyncio.start_server` and `asyncio.open_connection` with `tokio::net`.
//!
//! Python hands a connection to your callback as a `(StreamReader, StreamWriter)`
//! pair. tokio hands you one [`TcpStream`] that is both: it implements `AsyncRead`
//! and `AsyncWrite`, and the extension traits [`AsyncBufReadExt`] (for `lines`,
//! `read_line`) and [`AsyncWriteExt`] (for `write_all`, `flush`, `shutdown`) give it
//! the methods `StreamReader` and `StreamWriter` have.
//!
//! The handler below is generic over any stream that reads and writes, so the unix
//! socket server of the next section reuses it unchanged, as Python's `handle_echo`
//! serves both `start_server` and `start_unix_server`.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// The longest line the echo server takes, newline included: Python's `StreamReader`
/// default `limit` of 64 KiB.
pub const MAX_LINE: usize = 64 * 1024;

/// How long one client may take to send its line; then the server hangs up.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a shutdown waits for the clients being served.
pub const GRACE: Duration = Duration::from_secs(5);

// ANCHOR: handle_echo
/// One client: read one line, log it, send it back, close. Python's `handle_echo`.
pub async fn handle_echo<S>(stream: S, peer: &str) -> std::io::Result<()>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    // `split` gives a read half and a write half of the same stream, Python's
    // `reader, writer` pair; `BufReader` adds the buffer that `readline` needs.
    let (read_half, mut writer) = tokio::io::split(stream);
    // `take` is the limit Python's `StreamReader` has: a client that sends bytes
    // without a newline gets at most `MAX_LINE` of them read, never the server's
    // whole memory.
    let mut reader = BufReader::new(read_half).take(MAX_LINE as u64);

    // `read_until` is `await reader.readuntil(b"\n")`: the line, newline included,
    // or what came before the end of the stream (or the limit).
    let mut line = Vec::new();
    reader.read_until(b'\n', &mut line).await?;
    if line.last() != Some(&b'\n') {
        let why = if line.len() == MAX_LINE {
            "line too long"
        } else {
            "no newline"
        };
        tracing::info!(
            "server: {peer} sent {} bytes, {why}: hanging up",
            line.len()
        );
        return Ok(());
    }
    let message = String::from_utf8_lossy(&line[..line.len() - 1]);
    tracing::info!("server: received {message:?} from {peer}");
    writer.write_all(&line).await?;
    // Python's `writer.close(); await writer.wait_closed()`: send FIN so the
    // client's read sees the end of the stream.
    writer.shutdown().await?;
    // Then read and throw away whatever else the client sends, until it closes.
    // Closing a socket with unread bytes in it sends a reset instead, and a reset
    // can destroy the echo on its way: a client that sent two lines would lose it.
    // (`into_inner` takes the limit off: what is thrown away is never kept.)
    tokio::io::copy(&mut reader.into_inner(), &mut tokio::io::sink()).await?;
    Ok(())
}
// ANCHOR_END: handle_echo

// ANCHOR: start_server
/// Bind `127.0.0.1:0`: the OS picks a free port, which [`TcpListener::local_addr`]
/// reports. Tests and demos never collide on a fixed port this way.
pub async fn bind_local() -> anyhow::Result<TcpListener> {
    TcpListener::bind("127.0.0.1:0")
        .await
        .context("could not bind a TCP listener on 127.0.0.1")
}

/// Accept clients until `shutdown` completes, one task each. Python's `start_server`
/// plus `serve_forever`: there the loop is inside asyncio; here it is ours to write.
pub async fn serve_echo(listener: TcpListener, shutdown: impl Future<Output = ()>) {
    // The tasks are kept in a `JoinSet`, so that shutdown can wait for them.
    let mut clients = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    // Forget the clients that are done, before adding one more.
                    while clients.try_join_next().is_some() {}
                    // A task per client, so a slow client does not hold up the next
                    // `accept`; a time limit, so a silent one does not stay for ever.
                    clients.spawn(async move {
                        let peer = peer.to_string();
                        let served = handle_echo(stream, &peer);
                        let served = tokio::time::timeout(CLIENT_TIMEOUT, served);
                        match served.await {
                            Ok(Ok(())) => {}
                            Ok(Err(error)) => tracing::info!("server: {peer} failed: {error}"),
                            Err(_) => tracing::info!("server: {peer} too slow, hung up"),
                        }
                    });
                }
                Err(error) => back_off(&error).await,
            },
            // Reap finished clients as we go, so the set does not grow for ever.
            Some(_) = clients.join_next() => {}
        }
    }
    // Stop accepting (new clients are refused), and give those being served a moment.
    drop(listener);
    let _ = tokio::time::timeout(GRACE, async {
        while clients.join_next().await.is_some() {}
    })
    .await;
}

/// After a failed `accept`, wait a moment and let the loop go on. The usual cause is
/// running out of file descriptors (`EMFILE`): returning the error would stop the
/// server for good, and retrying at once would spin on an error that stays until
/// some client leaves.
pub async fn back_off(error: &std::io::Error) {
    tracing::warn!("server: accept failed ({error}); trying again in 100ms");
    tokio::time::sleep(Duration::from_millis(100)).await;
}
// ANCHOR_END: start_server

// ANCHOR: open_connection
/// Python's `tcp_echo_client`: connect, send one line, read the reply.
pub async fn echo_client(addr: SocketAddr, message: &str) -> anyhow::Result<String> {
    let stream = TcpStream::connect(addr)
        .await
        .with_context(|| format!("could not connect to {addr}"))?;
    let (read_half, mut writer) = stream.into_split();
    writer.write_all(format!("{message}\n").as_bytes()).await?;

    let mut reply = String::new();
    let read = BufReader::new(read_half).read_line(&mut reply).await?;
    anyhow::ensure!(read > 0, "{addr} closed the connection without replying");
    Ok(reply.trim_end().to_string())
}
// ANCHOR_END: open_connection

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_echo_server_sends_the_line_back() {
        let listener = bind_local().await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve_echo(listener, std::future::pending()));
        assert_eq!(
            echo_client(addr, "Hello World!").await.unwrap(),
            "Hello World!"
        );
    }

    #[tokio::test]
    async fn a_line_longer_than_the_limit_is_never_echoed() {
        let listener = bind_local().await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve_echo(listener, std::future::pending()));
        let mut stream = TcpStream::connect(addr).await.unwrap();
        // Twice the limit, no newline: the server reads up to the limit and hangs up.
        let _ = stream.write_all(&vec![b'x'; 2 * MAX_LINE]).await;
        let mut reply = Vec::new();
        let _ = stream.read_to_end(&mut reply).await;
        assert!(
            reply.is_empty(),
            "nothing comes back, {} bytes did",
            reply.len()
        );
    }

    #[tokio::test]
    async fn after_shutdown_new_clients_are_refused() {
        let listener = bind_local().await.unwrap();
        let addr = listener.local_addr().unwrap();
        serve_echo(listener, std::future::ready(())).await;
        assert!(TcpStream::connect(addr).await.is_err());
    }

    #[tokio::test]
    async fn port_zero_gives_each_listener_its_own_port() {
        let first = bind_local().await.unwrap().local_addr().unwrap();
        let second = bind_local().await.unwrap().local_addr().unwrap();
        assert_ne!(first.port(), 0, "the OS fills in a real port");
        assert_ne!(first, second);
    }

    #[tokio::test]
    async fn connecting_to_a_closed_port_is_an_error_not_a_panic() {
        // Bind, note the port, and close: nothing listens there any more.
        let addr = bind_local().await.unwrap().local_addr().unwrap();
        let error = echo_client(addr, "anyone?").await.unwrap_err();
        assert!(error.to_string().contains("could not connect"), "{error:#}");
    }
}
