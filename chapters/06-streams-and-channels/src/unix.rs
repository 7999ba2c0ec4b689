//! Unix sockets: `asyncio.start_unix_server` and `asyncio.open_unix_connection`.
//!
//! A unix socket is a stream between two processes on the same machine, named by a
//! path instead of an address and port. Everything above the socket is the same:
//! [`UnixStream`] reads and writes like a `TcpStream`, so the TCP section's
//! [`handle_echo`] serves it unchanged.
//!
//! The path is a file the listener creates. tokio never removes it: not when the
//! listener is dropped, and not before binding, so a file left by an earlier run
//! makes `bind` fail with "address in use". asyncio is kinder: `create_unix_server`
//! removes a stale socket file before it binds, and since 3.13 (`cleanup_socket`) it
//! removes its own when the server closes. [`SocketDir`] makes a fresh directory for
//! the socket and deletes the directory when dropped, so a crashed run leaves nothing
//! behind for the next one to trip on.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::Context as _;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};
use tokio::task::JoinSet;

use crate::tcp::{CLIENT_TIMEOUT, GRACE, back_off, handle_echo};

// ANCHOR: socket_dir
/// A fresh directory under the system's temp dir, removed (with what is in it) on drop.
#[derive(Debug)]
pub struct SocketDir {
    path: PathBuf,
}

impl SocketDir {
    pub fn new() -> anyhow::Result<Self> {
        // The process id keeps two runs apart; the counter keeps two tests of one
        // run apart.
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "ch06-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir(&path)
            .with_context(|| format!("could not create {}", path.display()))?;
        Ok(SocketDir { path })
    }

    /// A path for a socket inside this directory.
    pub fn socket(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for SocketDir {
    fn drop(&mut self) {
        // Nothing useful can be done about a failure here; the OS cleans temp dirs.
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
// ANCHOR_END: socket_dir

// ANCHOR: start_unix_server
/// `start_unix_server(handle_echo, path)`: the accept loop of the TCP server, with a
/// path where the address was.
pub async fn serve_echo_unix(listener: UnixListener, shutdown: impl Future<Output = ()>) {
    let mut clients = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let mut next = 0;
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                // A unix peer has no address worth printing (it is usually unnamed),
                // so the server numbers its clients instead.
                Ok((stream, _peer)) => {
                    next += 1;
                    let peer = format!("unix client {next}");
                    // Forget the clients that are done, before adding one more.
                    while clients.try_join_next().is_some() {}
                    clients.spawn(async move {
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
            Some(_) = clients.join_next() => {}
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(GRACE, async {
        while clients.join_next().await.is_some() {}
    })
    .await;
}

/// `open_unix_connection(path)`: send a line, read the reply.
pub async fn echo_client_unix(path: &Path, message: &str) -> anyhow::Result<String> {
    let stream = UnixStream::connect(path)
        .await
        .with_context(|| format!("could not connect to {}", path.display()))?;
    let (read_half, mut writer) = stream.into_split();
    writer.write_all(format!("{message}\n").as_bytes()).await?;
    let mut reply = String::new();
    let read = BufReader::new(read_half).read_line(&mut reply).await?;
    anyhow::ensure!(
        read > 0,
        "the server closed the connection without replying"
    );
    Ok(reply.trim_end().to_string())
}
// ANCHOR_END: start_unix_server

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_tcp_handler_serves_a_unix_socket_unchanged() {
        let dir = SocketDir::new().unwrap();
        let path = dir.socket("echo.sock");
        let listener = UnixListener::bind(&path).unwrap();
        tokio::spawn(serve_echo_unix(listener, std::future::pending()));
        let reply = echo_client_unix(&path, "over a unix socket").await.unwrap();
        assert_eq!(reply, "over a unix socket");
    }

    #[tokio::test]
    async fn tokio_leaves_the_socket_file_and_a_second_bind_fails() {
        let dir = SocketDir::new().unwrap();
        let path = dir.socket("stale.sock");
        drop(UnixListener::bind(&path).unwrap());
        assert!(path.exists(), "dropping the listener left its file");
        let error = UnixListener::bind(&path).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::AddrInUse, "{error}");
    }

    #[test]
    fn the_socket_dir_is_removed_on_drop() {
        let dir = SocketDir::new().unwrap();
        let path = dir.path().to_path_buf();
        std::fs::write(dir.socket("left-over"), b"x").unwrap();
        assert!(path.is_dir());
        drop(dir);
        assert!(!path.exists(), "{} should be gone", path.display());
    }

    #[tokio::test]
    async fn connecting_to_a_missing_socket_is_an_error_not_a_panic() {
        let dir = SocketDir::new().unwrap();
        let error = echo_client_unix(&dir.socket("nobody.sock"), "hi")
            .await
            .unwrap_err();
        assert!(error.to_string().contains("could not connect"), "{error:#}");
    }
}
