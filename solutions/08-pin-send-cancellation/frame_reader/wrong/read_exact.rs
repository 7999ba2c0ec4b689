//! WRONG: read_exact into a local array: when select! drops it half way, its bytes are lost.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt};

pub struct FrameReader<R> {
    reader: R,
    #[allow(dead_code)]
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
        let mut length = [0; 1];
        if self.reader.read(&mut length).await? == 0 {
            return Ok(None);
        }
        let mut frame = vec![0; usize::from(length[0])];
        self.reader.read_exact(&mut frame).await?;
        Ok(Some(frame))
    }
}
