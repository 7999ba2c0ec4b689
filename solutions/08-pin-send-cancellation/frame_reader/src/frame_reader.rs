//! Exercise 4, solved: a cancel-safe framed reader.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt};

// ANCHOR: solution
/// Reads length-prefixed frames from `reader`.
pub struct FrameReader<R> {
    reader: R,
    /// Bytes already read from `reader` and not yet returned in a frame.
    buffer: Vec<u8>,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(reader: R) -> Self {
        FrameReader {
            reader,
            buffer: Vec::new(),
        }
    }

    /// The next frame; `Ok(None)` at a clean end of the stream. Cancel safe: the only
    /// `.await` is `read_buf`, which either puts bytes in `self.buffer` or takes none,
    /// and nothing is kept in the future itself.
    pub async fn read_frame(&mut self) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(&length) = self.buffer.first() {
                let end = 1 + usize::from(length);
                if self.buffer.len() >= end {
                    // `drain` keeps the bytes after this frame for the next call.
                    let frame = self.buffer.drain(..end).skip(1).collect();
                    return Ok(Some(frame));
                }
            }
            if self.reader.read_buf(&mut self.buffer).await? == 0 {
                return if self.buffer.is_empty() {
                    Ok(None)
                } else {
                    Err(io::ErrorKind::UnexpectedEof.into())
                };
            }
        }
    }
}
// ANCHOR_END: solution
