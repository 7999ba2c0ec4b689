//! WRONG: read_exact into a buffer kept in self: the bytes survive a cancel, their count does not.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt};

pub struct FrameReader<R> {
    reader: R,
    /// The frame being read, kept in the reader so that a cancel "cannot lose it".
    buffer: Vec<u8>,
    /// The length byte of that frame, once read.
    length: Option<u8>,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(reader: R) -> Self {
        FrameReader {
            reader,
            buffer: Vec::new(),
            length: None,
        }
    }

    pub async fn read_frame(&mut self) -> io::Result<Option<Vec<u8>>> {
        let length = match self.length {
            Some(length) => length,
            None => {
                let mut byte = [0; 1];
                if self.reader.read(&mut byte).await? == 0 {
                    return Ok(None);
                }
                self.length = Some(byte[0]);
                byte[0]
            }
        };
        self.buffer.resize(usize::from(length), 0);
        // Dropped half way, this leaves the bytes in self.buffer; but the next call
        // starts again at index 0, writing the rest of the frame over its beginning.
        self.reader.read_exact(&mut self.buffer).await?;
        self.length = None;
        Ok(Some(std::mem::take(&mut self.buffer)))
    }
}
