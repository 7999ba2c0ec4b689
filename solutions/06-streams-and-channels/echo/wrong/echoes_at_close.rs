//! WRONG: the handler collects every line and writes them back only when the client
//! has closed its end, so a client that waits for its echo waits for ever.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

pub async fn handle_client(stream: TcpStream) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let mut all = String::new();
    while let Some(line) = lines.next_line().await? {
        all.push_str(&line);
        all.push('\n');
    }
    writer.write_all(all.as_bytes()).await
}

pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (stream, _peer) = listener.accept().await?;
        tokio::spawn(async move {
            let _ = handle_client(stream).await;
        });
    }
}
