//! Exercise 1, solved: an echo server for many clients.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: solution
/// Echo every line `stream` sends back to it, until it closes its end.
pub async fn handle_client(stream: TcpStream) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    // `None` is the client's end of stream: Python's `async for` ending.
    while let Some(line) = lines.next_line().await? {
        writer.write_all(line.as_bytes()).await?;
        writer.write_all(b"\n").await?;
    }
    // Returning drops `writer`, which closes our end too.
    Ok(())
}

/// Accept clients for ever; each is served by `handle_client`.
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (stream, _peer) = listener.accept().await?;
        // Without `spawn`, the loop would serve this client until it left, and
        // every other client would wait at `accept`.
        tokio::spawn(async move {
            // A client that resets the connection ends its own task, nothing more.
            let _ = handle_client(stream).await;
        });
    }
}
// ANCHOR_END: solution
