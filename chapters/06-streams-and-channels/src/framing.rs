//! Framing: cutting a byte stream into lines, with a limit.
//!
//! A socket delivers bytes in whatever pieces the network chose; a line protocol
//! needs whole lines. `BufReader::lines` does that, but it will grow its buffer for
//! as long as a client sends bytes without a newline: one client can eat the
//! server's memory. Python's `StreamReader` has a `limit` (64 KiB by default) and
//! raises `LimitOverrunError` past it.
//!
//! [`LineReader`] is `lines` with a limit and with names for what can go wrong: a
//! line that is too long is skipped up to its newline and reported as
//! [`Frame::TooLong`], so the connection carries on; bytes that are not UTF-8 are
//! [`Frame::NotUtf8`]; a client that hangs up half-way through a line gives
//! [`Frame::ClosedMidLine`], and its half line is never mistaken for a command.
//!
//! It is also *cancel-safe*: everything read so far is kept in the struct, not in
//! the future, so the server can `select!` between the next line and a shutdown
//! signal without losing bytes.

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};

// ANCHOR: frame
/// What reading the next line produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A whole line, without its `\n` (or `\r\n`).
    Line(String),
    /// A line longer than the limit; it has been read and thrown away.
    TooLong,
    /// A whole line that is not UTF-8.
    NotUtf8,
    /// The peer closed the connection between two lines: a clean end.
    Closed,
    /// The peer closed the connection in the middle of a line of `dropped` bytes.
    ClosedMidLine { dropped: usize },
}
// ANCHOR_END: frame

/// Reads [`Frame`]s from a buffered reader, holding at most `limit` bytes of a line.
#[derive(Debug)]
pub struct LineReader<R> {
    inner: BufReader<R>,
    limit: usize,
    /// The current line so far (cleared once it is known to be too long).
    line: Vec<u8>,
    /// How many bytes the current line has had, kept or not.
    seen: usize,
}

impl<R: AsyncRead + Unpin> LineReader<R> {
    pub fn new(inner: BufReader<R>, limit: usize) -> Self {
        LineReader {
            inner,
            limit,
            line: Vec::new(),
            seen: 0,
        }
    }

    /// True when bytes of a line have arrived (taken into the line, or still in
    /// the `BufReader`'s buffer) and the line is not complete yet.
    pub fn mid_line(&self) -> bool {
        self.seen > 0 || !self.inner.buffer().is_empty()
    }

    /// True when a whole line is already in the buffer: the next [`next_frame`]
    /// returns without waiting for the socket. At shutdown the server answers
    /// these requests, which it has read, but reads no new ones.
    ///
    /// [`next_frame`]: LineReader::next_frame
    pub fn has_buffered_line(&self) -> bool {
        self.inner.buffer().contains(&b'\n')
    }

    /// The buffered reader back, to drain what the client still sends.
    pub fn into_inner(self) -> BufReader<R> {
        self.inner
    }

    // ANCHOR: next_frame
    /// The next frame. Cancel-safe: dropping the future loses nothing.
    pub async fn next_frame(&mut self) -> std::io::Result<Frame> {
        loop {
            // `fill_buf` is cancel-safe: it only fills the BufReader's buffer.
            let available = self.inner.fill_buf().await?;
            if available.is_empty() {
                let dropped = std::mem::take(&mut self.seen);
                self.line.clear();
                return Ok(if dropped == 0 {
                    Frame::Closed
                } else {
                    Frame::ClosedMidLine { dropped }
                });
            }
            let (piece, ends_line) = match available.iter().position(|&b| b == b'\n') {
                Some(newline) => (&available[..newline], true),
                None => (available, false),
            };
            self.seen += piece.len();
            // Keep bytes only while the line is within the limit, so memory stays
            // bounded however long the line is.
            if self.seen <= self.limit {
                self.line.extend_from_slice(piece);
            } else {
                self.line.clear();
            }
            // From here to the end of the iteration there is no `.await`: the bytes
            // are moved into `self` and marked consumed in one step.
            let used = piece.len() + usize::from(ends_line);
            self.inner.consume(used);
            if ends_line {
                return Ok(self.finish_line());
            }
        }
    }
    // ANCHOR_END: next_frame

    fn finish_line(&mut self) -> Frame {
        let too_long = std::mem::take(&mut self.seen) > self.limit;
        let mut line = std::mem::take(&mut self.line);
        if too_long {
            return Frame::TooLong;
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        match String::from_utf8(line) {
            Ok(line) => Frame::Line(line),
            Err(_) => Frame::NotUtf8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8], limit: usize) -> Vec<Frame> {
        let mut reader = LineReader::new(BufReader::new(input), limit);
        let mut frames = Vec::new();
        loop {
            let frame = reader.next_frame().await.unwrap();
            let end = matches!(frame, Frame::Closed | Frame::ClosedMidLine { .. });
            frames.push(frame);
            if end {
                return frames;
            }
        }
    }

    #[tokio::test]
    async fn lines_come_out_without_their_newlines() {
        assert_eq!(
            frames(b"GET a\r\nSET a 1\n", 16).await,
            [
                Frame::Line("GET a".into()),
                Frame::Line("SET a 1".into()),
                Frame::Closed
            ]
        );
    }

    #[tokio::test]
    async fn a_line_over_the_limit_is_skipped_and_the_next_one_read() {
        assert_eq!(
            frames(b"0123456789\nok\n", 8).await,
            [Frame::TooLong, Frame::Line("ok".into()), Frame::Closed]
        );
    }

    #[tokio::test]
    async fn a_line_exactly_at_the_limit_is_fine() {
        assert_eq!(
            frames(b"12345678\n", 8).await[0],
            Frame::Line("12345678".into())
        );
    }

    #[tokio::test]
    async fn a_half_line_at_the_end_is_reported_not_returned() {
        assert_eq!(
            frames(b"GET a\nSET half", 16).await,
            [
                Frame::Line("GET a".into()),
                Frame::ClosedMidLine { dropped: 8 }
            ]
        );
    }

    #[tokio::test]
    async fn bytes_that_are_not_utf8_are_named() {
        assert_eq!(frames(b"\xff\xfe\n", 16).await[0], Frame::NotUtf8);
    }

    #[tokio::test]
    async fn buffered_lines_are_known_before_they_are_read() {
        let mut lines = LineReader::new(BufReader::new(&b"GET a\nGET b\nGET"[..]), 16);
        assert!(
            !lines.has_buffered_line(),
            "nothing has been read from the socket yet"
        );
        assert_eq!(
            lines.next_frame().await.unwrap(),
            Frame::Line("GET a".into())
        );
        assert!(lines.has_buffered_line(), "GET b came in the same read");
        assert_eq!(
            lines.next_frame().await.unwrap(),
            Frame::Line("GET b".into())
        );
        assert!(!lines.has_buffered_line(), "only half a line is left");
        assert!(lines.mid_line());
    }

    #[tokio::test]
    async fn a_line_split_across_reads_is_put_back_together() {
        // A tiny BufReader capacity makes every line arrive in 2-byte pieces.
        let reader = BufReader::with_capacity(2, &b"SET key value\n"[..]);
        let mut lines = LineReader::new(reader, 64);
        assert_eq!(
            lines.next_frame().await.unwrap(),
            Frame::Line("SET key value".into())
        );
    }
}
