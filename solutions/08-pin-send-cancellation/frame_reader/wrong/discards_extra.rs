//! WRONG: the buffer is cleared after each frame, dropping the next frames read along with it.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt};

pub struct FrameReader<R> {
    reader: R,
    buffer: Vec<u8>,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(reader: R) -> Self {
        FrameReader {
            reader,
            buffer: Vec::new(),
        }
    }

    pub async fn read_frame(&mut self) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(&length) = self.buffer.first() {
                let end = 1 + usize::from(length);
                if self.buffer.len() >= end {
                    let frame = self.buffer[1..end].to_vec();
                    self.buffer.clear();
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
