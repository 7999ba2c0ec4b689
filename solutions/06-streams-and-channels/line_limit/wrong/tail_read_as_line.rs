//! WRONG: stops at the limit and says `TooLong`, but does not skip the rest of the
//! long line: the next call reads its tail as if it were a line of its own.

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt};

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
    /// Inside a line that was too long: its rest, up to the `\n`, is thrown away.
    skipping: bool,
}

impl<R: AsyncBufRead + Unpin> LimitedLines<R> {
    pub fn new(reader: R, limit: usize) -> LimitedLines<R> {
        LimitedLines {
            reader,
            limit,
            skipping: false,
        }
    }

    /// The next line, `TooLong` or `ClosedMidLine`; `None` at the end of the stream.
    pub async fn next_line(&mut self) -> std::io::Result<Option<Frame>> {
        // A full line is `limit` bytes and its newline: read no more than that at a
        // time, so a line with no end never makes the buffer grow past it.
        let most = u64::try_from(self.limit)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let n = (&mut self.reader)
                .take(most)
                .read_until(b'\n', &mut buf)
                .await?;
            let whole = buf.last() == Some(&b'\n');
            match (n, whole, self.skipping) {
                // End of stream, between lines (or inside one already reported).
                (0, _, _) => return Ok(None),
                // The end of the long line: the next line is a fresh start.
                (_, true, true) => self.skipping = false,
                // More of the long line, or it ended with the stream: nothing to say.
                (_, false, true) if n as u64 == most => {}
                (_, false, true) => return Ok(None),
                (_, true, false) => {
                    buf.pop();
                    return match String::from_utf8(buf) {
                        Ok(line) => Ok(Some(Frame::Line(line))),
                        Err(_) => Err(std::io::ErrorKind::InvalidData.into()),
                    };
                }
                // `limit + 1` bytes and no newline yet: too long. Say so now, and
                // skip the rest of it on the next calls.
                (_, false, false) if n as u64 == most => return Ok(Some(Frame::TooLong)),
                // Fewer bytes, no newline: the stream ended in the middle of a line.
                (_, false, false) => return Ok(Some(Frame::ClosedMidLine)),
            }
        }
    }
}
