//! WRONG: Python's `line.strip()` habit: each line is trimmed before it is echoed, so
//! the spaces, tabs and "\r" the client sent are lost.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::given::Listener;

// ANCHOR: solution
/// Echo every line `stream` sends back to it, until it closes its end.
pub async fn handle_client(stream: TcpStream) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    let mut line = Vec::new();
    // `read_until` keeps the newline, and a last line without one comes without one:
    // writing back what it read sends exactly what the client sent. (`lines()` would
    // drop the "\n", or the "\r\n", and we could not tell which to put back.)
    // 0 bytes is the client's end of stream: Python's `async for` ending.
    while reader.read_until(b'\n', &mut line).await? > 0 {
        let newline = line.ends_with(b"\n");
        writer.write_all(line.trim_ascii()).await?;
        if newline {
            writer.write_all(b"\n").await?;
        }
        line.clear();
    }
    // Returning drops `writer`, which closes our end too.
    Ok(())
}

/// Accept clients for ever; each is served by `handle_client`. A failed `accept`
/// is waited out, never returned.
pub async fn serve(listener: Listener) -> std::io::Result<()> {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _peer)) => stream,
            Err(_) => {
                // Most often "too many open files": it passes when a client leaves.
                // `?` here would stop the server for good; trying again at once would
                // spin on the same error. Wait a little, then go on.
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // Without `spawn`, the loop would serve this client until it left, and
        // every other client would wait at `accept`.
        tokio::spawn(async move {
            // A client that resets the connection ends its own task, nothing more.
            let _ = handle_client(stream).await;
        });
    }
}
// ANCHOR_END: solution
