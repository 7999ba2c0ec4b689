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

use std::net::SocketAddr;

use anyhow::Context as _;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: handle_echo
/// One client: read one line, print it, send it back, close. Python's `handle_echo`.
pub async fn handle_echo<S>(stream: S, peer: &str) -> std::io::Result<()>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    // `split` gives a read half and a write half of the same stream, Python's
    // `reader, writer` pair; `BufReader` adds the buffer that `readline` needs.
    let (read_half, mut writer) = tokio::io::split(stream);
    let mut lines = BufReader::new(read_half).lines();

    // `next_line` is `await reader.readline()`, but it strips the newline and gives
    // `None` at end of stream where Python gives `b""`.
    if let Some(message) = lines.next_line().await? {
        println!("server: received {message:?} from {peer}");
        writer.write_all(message.as_bytes()).await?;
        writer.write_all(b"\n").await?;
        // Python's `writer.close(); await writer.wait_closed()`: send FIN so the
        // client's read sees the end of the stream.
        writer.shutdown().await?;
    }
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

/// Accept clients for ever, one task each. Python's `start_server` plus
/// `serve_forever`: there the loop is inside asyncio; here it is ours to write.
pub async fn serve_echo(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (stream, peer) = listener.accept().await?;
        // A task per client, so a slow client does not hold up the next `accept`.
        tokio::spawn(async move {
            if let Err(error) = handle_echo(stream, &peer.to_string()).await {
                println!("server: {peer} failed: {error}");
            }
        });
    }
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
        tokio::spawn(serve_echo(listener));
        assert_eq!(
            echo_client(addr, "Hello World!").await.unwrap(),
            "Hello World!"
        );
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
