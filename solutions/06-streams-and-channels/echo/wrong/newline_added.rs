//! WRONG: `lines()` and `line + "\n"`: a last line that had no newline comes back with
//! one, and a "\r\n" comes back as "\n": not the bytes the client sent.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::given::Listener;

// ANCHOR: solution
/// Echo every line `stream` sends back to it, until it closes its end.
pub async fn handle_client(stream: TcpStream) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    while let Some(line) = lines.next_line().await? {
        writer.write_all(line.as_bytes()).await?;
        writer.write_all(b"\n").await?;
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
