//! The tests of the `line_limit` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! The bytes come from memory, from a pipe written in pieces (`tokio::io::duplex`,
//! the way a socket delivers them), or from a peer that sends `a` for ever. They are
//! read through a `BufReader` with a tiny buffer, so a line arrives in many pieces
//! and your reader has to put them together.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use course_kit::watchdog;
use tokio::io::{AsyncRead, AsyncWriteExt, BufReader, ReadBuf};

use crate::line_limit::{Frame, LimitedLines};

/// Run `test` on the paused clock, inside the watchdog.
#[track_caller]
fn run_paused<F: Future<Output = ()>>(test: impl FnOnce() -> F + Send + 'static) {
    watchdog::paused(
        watchdog::LIMIT,
        "Reading lines never finished. Does `next_line` return `None` when `read_until` \
         reads 0 bytes (the end of the stream)? Does a loop that skips the rest of a long \
         line stop at its newline, and at the end of the stream?",
        test,
    );
}

fn line(text: &str) -> Option<Frame> {
    Some(Frame::Line(text.to_string()))
}

/// Every frame `bytes` gives with `limit`, read through a 4-byte buffer.
async fn frames(bytes: &'static [u8], limit: usize) -> Vec<Option<Frame>> {
    let mut lines = LimitedLines::new(BufReader::with_capacity(4, bytes), limit);
    let mut got = Vec::new();
    loop {
        let frame = lines
            .next_line()
            .await
            .expect("reading from memory cannot fail");
        let end = frame.is_none();
        got.push(frame);
        if end || got.len() > 20 {
            return got;
        }
    }
}

#[test]
fn lines_come_back_one_at_a_time_without_their_newline() {
    run_paused(|| async {
        let got = frames(b"GET a\nSET b 1\n\nGET b\n", 16).await;
        assert_eq!(
            got,
            [
                line("GET a"),
                line("SET b 1"),
                line(""),
                line("GET b"),
                None
            ],
            "four lines (one of them empty) then the end of the stream (`None`)"
        );
    });
}

#[test]
fn a_line_of_exactly_the_limit_is_a_line_one_more_byte_is_too_long() {
    run_paused(|| async {
        let got = frames(b"12345\n123456\nok\n", 5).await;
        assert_eq!(
            got,
            [line("12345"), Some(Frame::TooLong), line("ok"), None],
            "with a limit of 5, \"12345\" (5 bytes) is a line and \"123456\" is too long. \
             The limit does not count the newline: read at most `limit + 1` bytes, the \
             line and its \"\\n\"."
        );
    });
}

#[test]
fn the_rest_of_a_long_line_is_skipped_never_read_as_a_line() {
    run_paused(|| async {
        // A client pads a command past the limit. If the reader stops at the limit and
        // the next call starts where it stopped, the tail "DEL all" becomes a command.
        let got = frames(
            b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxDEL all\nGET a\n",
            8,
        )
        .await;
        assert_eq!(
            got,
            [Some(Frame::TooLong), line("GET a"), None],
            "a line that is too long is reported once, and everything up to its newline \
             is thrown away. Getting more frames than that means the rest of the long \
             line came back as lines (or as more `TooLong`s): remember, between calls, \
             that you are in the middle of a line to skip."
        );
    });
}

#[test]
fn a_peer_that_hangs_up_mid_line_has_not_sent_a_line() {
    run_paused(|| async {
        let got = frames(b"GET a\nSET b", 16).await;
        assert_eq!(
            got,
            [line("GET a"), Some(Frame::ClosedMidLine), None],
            "the stream ended after \"SET b\" with no newline: the peer hung up half-way \
             through a command, which must not be run as if it were whole. Python's \
             `readline()` returns such a half line as if it were one; here it is \
             `ClosedMidLine`, and then the end (`None`)."
        );
    });
}

#[test]
fn a_line_that_arrives_in_pieces_is_one_line() {
    run_paused(|| async {
        let (mut peer, ours) = tokio::io::duplex(64);
        tokio::spawn(async move {
            for piece in ["GE", "T a", "\nSET", " b 1\nG", "ET b\n"] {
                peer.write_all(piece.as_bytes())
                    .await
                    .expect("the test's pipe is open");
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        });
        let mut lines = LimitedLines::new(BufReader::with_capacity(4, ours), 16);
        for expected in ["GET a", "SET b 1", "GET b"] {
            let got = lines.next_line().await.expect("the pipe does not fail");
            assert_eq!(
                got,
                line(expected),
                "the bytes came in pieces (\"GE\", \"T a\\n\"...), as a socket delivers \
                 them: a line is everything up to the newline, whatever the pieces"
            );
        }
        let end = lines.next_line().await.expect("the pipe does not fail");
        assert_eq!(
            end, None,
            "the peer closed the pipe after a whole line: the end"
        );
    });
}

/// A peer that sends `a` without end (until 1 MiB, so that a reader that reads it
/// all cannot eat the test machine), and counts what it has sent.
struct Endless {
    sent: Arc<AtomicUsize>,
}

const ENDLESS_STOPS_AT: usize = 1 << 20;

impl AsyncRead for Endless {
    fn poll_read(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let sent = self.sent.load(Ordering::SeqCst);
        let n = buf.remaining().min(ENDLESS_STOPS_AT - sent);
        buf.put_slice(&vec![b'a'; n]);
        self.sent.fetch_add(n, Ordering::SeqCst);
        Poll::Ready(Ok(()))
    }
}

#[test]
fn a_line_without_end_is_refused_after_the_limit_not_read_into_memory() {
    run_paused(|| async {
        let sent = Arc::new(AtomicUsize::new(0));
        let endless = Endless {
            sent: Arc::clone(&sent),
        };
        let mut lines = LimitedLines::new(BufReader::with_capacity(64, endless), 100);
        let first = lines
            .next_line()
            .await
            .expect("reading from memory cannot fail");
        let read = sent.load(Ordering::SeqCst);
        assert!(
            read <= 100 + 1 + 64,
            "to refuse a line longer than 100 bytes, the reader took {read} bytes from a \
             peer that never sends a newline. Reading the whole line first and checking its \
             length after (`read_line`, `lines()`, `readline()` in Python) lets one client \
             fill the server's memory: stop reading once you have `limit + 1` bytes \
             without a newline (`AsyncReadExt::take`)."
        );
        assert_eq!(
            first,
            Some(Frame::TooLong),
            "101 bytes and no newline yet: that is already too long"
        );
    });
}

#[test]
fn bytes_that_are_not_utf8_are_an_invalid_data_error() {
    run_paused(|| async {
        let mut lines = LimitedLines::new(BufReader::new(&b"caf\xe9\nok\n"[..]), 16);
        let got = lines.next_line().await;
        assert!(
            matches!(&got, Err(error) if error.kind() == io::ErrorKind::InvalidData),
            "\"caf\\xe9\" is Latin-1, not UTF-8: expected an `InvalidData` error, got \
             {got:?}. `String::from_utf8` says whether bytes are UTF-8; a `String` can \
             hold nothing else."
        );
    });
}

#[test]
fn a_long_line_cut_off_by_the_end_of_the_stream_is_too_long_once_then_the_end() {
    run_paused(|| async {
        let got = frames(b"ok\nxxxxxxxxxxxxxxxxxxxx", 5).await;
        assert_eq!(
            got,
            [line("ok"), Some(Frame::TooLong), None],
            "the last line is too long, and the stream ends inside it, while its rest is \
             being skipped: that line has been reported (`TooLong`), and what follows is \
             the end (`None`). Its tail is not a line the peer began, so it is no \
             `ClosedMidLine`; a skip loop must also stop when `read_until` reads 0 bytes."
        );
    });
}

#[test]
fn a_limit_of_zero_allows_only_empty_lines() {
    run_paused(|| async {
        let got = frames(b"\nx\n\n", 0).await;
        assert_eq!(
            got,
            [line(""), Some(Frame::TooLong), line(""), None],
            "with a limit of 0, an empty line (just \"\\n\") is a line and \"x\" is too \
             long: read at most `limit + 1` = 1 byte at a time, never 0"
        );
    });
}

#[test]
fn spaces_and_tabs_are_part_of_the_line() {
    run_paused(|| async {
        let got = frames(b"  SET a 1 \t\n", 16).await;
        assert_eq!(
            got,
            [line("  SET a 1 \t"), None],
            "only the newline is taken off a line; the spaces and tabs around it are what \
             the peer sent. Python's habit of `line.strip()` (`trim()` in Rust) changes \
             them."
        );
    });
}
