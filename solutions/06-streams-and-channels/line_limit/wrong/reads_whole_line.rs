//! WRONG: reads the whole line first (`read_until` with no `take`) and checks its
//! length after: a client that never sends a newline fills the server's memory.

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// What reading the next line produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A whole line, without its `\n`.
    Line(String),
    /// A line longer than the limit. It is skipped, up to its `\n`, and the next
    /// call reads the line after it.
    TooLong,
    /// The peer hung up in the middle of a line: those bytes are not a line.
    ClosedMidLine,
}

/// Cuts a byte stream into lines of at most `limit` bytes (not counting the `\n`).
#[derive(Debug)]
pub struct LimitedLines<R> {
    reader: R,
    limit: usize,
}

impl<R: AsyncBufRead + Unpin> LimitedLines<R> {
    pub fn new(reader: R, limit: usize) -> LimitedLines<R> {
        LimitedLines { reader, limit }
    }

    /// The next line, `TooLong` or `ClosedMidLine`; `None` at the end of the stream.
    pub async fn next_line(&mut self) -> std::io::Result<Option<Frame>> {
        let mut buf = Vec::new();
        if self.reader.read_until(b'\n', &mut buf).await? == 0 {
            return Ok(None);
        }
        if buf.pop() != Some(b'\n') {
            return Ok(Some(Frame::ClosedMidLine));
        }
        if buf.len() > self.limit {
            return Ok(Some(Frame::TooLong));
        }
        match String::from_utf8(buf) {
            Ok(line) => Ok(Some(Frame::Line(line))),
            Err(_) => Err(std::io::ErrorKind::InvalidData.into()),
        }
    }
}
