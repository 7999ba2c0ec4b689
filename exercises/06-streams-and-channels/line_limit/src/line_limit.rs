//! Exercise 4 (medium): lines with a limit.
//!
//! ```python
//! reader = asyncio.StreamReader(limit=1024)   # start_server(..., limit=1024)
//! try:
//!     line = await reader.readuntil(b"\n")
//! except asyncio.LimitOverrunError:
//!     ...                                     # the line is too long
//! except asyncio.IncompleteReadError as e:
//!     ...                                     # hung up mid-line: e.partial
//! ```
//!
//! `BufReader::lines()` reads until it finds a newline, however far that is: a
//! client that sends a gigabyte without one makes the server hold a gigabyte. A
//! server that reads lines from strangers needs a limit, and Python's `StreamReader`
//! has one (64 KiB unless you say otherwise). Write that reader:
//!
//! - a line of at most `limit` bytes (not counting its `\n`) is a `Frame::Line`;
//! - a longer one is `Frame::TooLong`, found without reading more than `limit + 1`
//!   of its bytes, and its rest, up to its newline, is skipped: the *next* call
//!   returns the line after it, never the tail of the long one;
//! - bytes after the last newline, when the stream ends, are `Frame::ClosedMidLine`:
//!   a peer that hung up half-way through a command has not sent a command;
//!   but a line already reported `TooLong` is not reported again when the stream
//!   ends inside it: then comes the end, `Ok(None)`;
//! - only the `\n` is taken off a line: spaces, tabs and a `\r` stay;
//! - the end of the stream is `Ok(None)`, and a line that is not UTF-8 is an
//!   `io::ErrorKind::InvalidData` error.
//!
//! The bytes may arrive in any pieces, as a socket delivers them.

use tokio::io::AsyncBufRead;

// ANCHOR: given
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
// ANCHOR_END: given

// ANCHOR: exercise
/// Cuts a byte stream into lines of at most `limit` bytes (not counting the `\n`).
#[derive(Debug)]
pub struct LimitedLines<R> {
    reader: R,
    limit: usize,
    // TODO: add what `next_line` must remember from one call to the next.
}

impl<R: AsyncBufRead + Unpin> LimitedLines<R> {
    pub fn new(reader: R, limit: usize) -> LimitedLines<R> {
        LimitedLines { reader, limit }
    }

    /// The next line, `TooLong` or `ClosedMidLine`; `None` at the end of the stream.
    pub async fn next_line(&mut self) -> std::io::Result<Option<Frame>> {
        // TODO: read up to the next newline, but never more than `limit + 1` bytes
        // at a time; then decide from how many bytes came and whether the last one
        // is `\n`. Skip the rest of a line that was too long.
        let _ = (&mut self.reader, self.limit);
        todo!("the next line, with a limit")
    }
}
// ANCHOR_END: exercise
