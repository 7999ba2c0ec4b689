//! Logging that never holds the server up.
//!
//! `println!` from a server is two bugs waiting. It blocks: when nobody reads the
//! server's stdout (a pipe nobody drains, a terminal paused with Ctrl-S), the pipe
//! fills and the next `println!` waits, with the whole event loop behind it; a
//! server that printed a line per client froze after about 700 connections. And it
//! panics: with stdout closed, `println!` panics at the first client.
//!
//! [`LossyStdout`] is a `tracing` writer that does neither. The task that logs puts
//! its line in a bounded queue without waiting (`try_send`); one thread of its own
//! writes the queue to stdout, and it alone waits when stdout is slow. When the
//! queue is full, the line is dropped and counted: under pressure a server should
//! lose log lines, never time serving clients. A failed write (stdout closed) is
//! ignored. Python's `logging.handlers.QueueHandler` is the same idea, but its
//! queue has no bound unless you give it one.

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::time::{Duration, Instant};

use tracing_subscriber::fmt::MakeWriter;

// ANCHOR: lossy
/// A `tracing` writer to stdout that drops lines rather than wait.
#[derive(Debug, Clone)]
pub struct LossyStdout {
    queue: SyncSender<Vec<u8>>,
    counts: Arc<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    /// Lines queued and not yet written.
    pending: AtomicUsize,
    /// Lines dropped because the queue was full.
    dropped: AtomicUsize,
}

impl LossyStdout {
    /// Start the writing thread, with room for `capacity` lines in the queue.
    pub fn start(capacity: usize) -> std::io::Result<LossyStdout> {
        let (queue, lines) = sync_channel::<Vec<u8>>(capacity);
        let counts = Arc::new(Counts::default());
        let written = counts.clone();
        std::thread::Builder::new()
            .name("log-writer".into())
            .spawn(move || {
                let mut stdout = std::io::stdout();
                for line in lines {
                    // Closed stdout: nothing to do but go on emptying the queue.
                    let _ = stdout.write_all(&line).and_then(|()| stdout.flush());
                    written.pending.fetch_sub(1, Ordering::SeqCst);
                }
            })?;
        Ok(LossyStdout { queue, counts })
    }

    /// Queue one line, or drop it if the queue is full. Never waits.
    fn send(&self, line: Vec<u8>) {
        self.counts.pending.fetch_add(1, Ordering::SeqCst);
        if let Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) =
            self.queue.try_send(line)
        {
            self.counts.pending.fetch_sub(1, Ordering::SeqCst);
            self.counts.dropped.fetch_add(1, Ordering::SeqCst);
        }
    }
    // ANCHOR_END: lossy

    /// How many lines were dropped so far.
    pub fn dropped(&self) -> usize {
        self.counts.dropped.load(Ordering::SeqCst)
    }

    /// Wait until the queue is written out, but at most `limit` (stdout may never
    /// be read). For the last lines before the process exits.
    pub fn flush(&self, limit: Duration) {
        let started = Instant::now();
        while self.counts.pending.load(Ordering::SeqCst) > 0 && started.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// One event's text, gathered while `tracing` formats it, queued when dropped.
pub struct LineWriter {
    line: Vec<u8>,
    to: LossyStdout,
}

impl std::io::Write for LineWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.line.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        if !self.line.is_empty() {
            self.to.send(std::mem::take(&mut self.line));
        }
    }
}

impl<'a> MakeWriter<'a> for LossyStdout {
    type Writer = LineWriter;

    fn make_writer(&'a self) -> LineWriter {
        LineWriter {
            line: Vec::new(),
            to: self.clone(),
        }
    }
}

/// Send every `tracing` event of this process to `writer`, one line each, with
/// the time since start and the level. Fails if a subscriber is already set.
pub fn init_lossy(writer: LossyStdout) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_target(false)
        .with_ansi(false)
        .with_timer(tracing_subscriber::fmt::time::uptime())
        .try_init()
        .map_err(|error| anyhow::anyhow!("could not set up logging: {error}"))
}

/// For the demos: events printed on stdout as they happen, message only, so that
/// they read in order with the demo's own `println!`s.
pub fn init_plain() {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stdout)
        .with_target(false)
        .with_level(false)
        .with_ansi(false)
        .without_time()
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_queue_drops_lines_instead_of_waiting() {
        // A queue nobody empties: a writer of capacity 2 whose thread is stuck is
        // modelled by a channel whose receiver is never read.
        let (queue, _lines) = sync_channel::<Vec<u8>>(2);
        let writer = LossyStdout {
            queue,
            counts: Arc::default(),
        };
        for n in 0..5 {
            drop(LineWriter {
                line: format!("line {n}\n").into_bytes(),
                to: writer.clone(),
            });
        }
        assert_eq!(
            writer.dropped(),
            3,
            "two lines fit the queue; three are dropped"
        );
    }

    #[test]
    fn a_closed_queue_drops_lines_without_panicking() {
        let (queue, lines) = sync_channel::<Vec<u8>>(2);
        drop(lines);
        let writer = LossyStdout {
            queue,
            counts: Arc::default(),
        };
        writer.send(b"anyone?\n".to_vec());
        assert_eq!(writer.dropped(), 1);
    }
}
