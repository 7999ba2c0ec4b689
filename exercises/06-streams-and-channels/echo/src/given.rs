//! Given: the listening socket, a `TcpListener` with one thing added for the tests.
//!
//! A real `accept` fails now and then: most often because the process has run out of
//! file descriptors (`EMFILE`, "too many open files"), which lasts until some client
//! leaves. A test cannot make the machine run out of them without harming everything
//! else, so this listener can be told to fail its `accept` for a while on purpose.
//! Apart from that it is exactly a `TcpListener`: `accept` gives the next client.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

#[derive(Debug)]
pub struct Listener {
    inner: TcpListener,
    /// Until when `accept` fails (the tests' doing), if at all.
    failing_until: Option<Instant>,
    /// How many times `accept` has failed so far.
    failed: Arc<AtomicU32>,
}

impl Listener {
    pub fn new(inner: TcpListener) -> Listener {
        Listener {
            inner,
            failing_until: None,
            failed: Arc::default(),
        }
    }

    /// The next client, and its address. Like [`TcpListener::accept`], it fails now
    /// and then; the error says why.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        if self
            .failing_until
            .is_some_and(|until| Instant::now() < until)
        {
            self.failed.fetch_add(1, Ordering::SeqCst);
            // A real EMFILE comes back at once too: waiting is the caller's business.
            return Err(io::Error::other(
                "too many open files (a failure the test made on purpose)",
            ));
        }
        self.inner.accept().await
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }

    /// For the tests: every `accept` in the next `how_long` fails, as it does while
    /// the process has no file descriptor left. The counter says how many did.
    pub fn fail_for(&mut self, how_long: Duration) -> Arc<AtomicU32> {
        self.failing_until = Some(Instant::now() + how_long);
        Arc::clone(&self.failed)
    }
}
