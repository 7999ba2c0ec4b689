//! Exercise 4 (medium): a cancel-safe framed reader.
//!
//! ```python
//! async def read_frame(reader: asyncio.StreamReader) -> bytes | None:
//!     try:
//!         length = (await reader.readexactly(1))[0]
//!     except asyncio.IncompleteReadError as end:
//!         if end.partial:
//!             raise
//!         return None  # a clean end, between two frames
//!     return await reader.readexactly(length)
//! ```
//!
//! A frame is one length byte, then that many bytes. `read_frame` returns the next
//! frame's bytes; `Ok(None)` when the stream ends cleanly between two frames; an
//! error of kind `UnexpectedEof` when it ends inside a frame.
//!
//! In Python that is cancel safe for free: the bytes a cancelled `readexactly` had
//! received stay in the `StreamReader`'s buffer. In Rust, `read_exact` writes into the
//! slice you give it, but keeps in *its own* future how many bytes it has filled so
//! far; when a `select!` drops it, that count is lost, and with it any way to know
//! which bytes of the slice are real. So `read_frame`
//! must be cancel safe: if its future is dropped before it finishes, no byte is lost,
//! and the next call goes on where the dropped one stopped. The tests call it in a
//! `select!` loop that drops it often.

use std::io;

use tokio::io::AsyncRead;

// ANCHOR: exercise
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

    /// The next frame; `Ok(None)` at a clean end of the stream. Cancel safe.
    pub async fn read_frame(&mut self) -> io::Result<Option<Vec<u8>>> {
        // TODO: loop: if `self.buffer` holds a whole frame, take it out and return
        // it; else read more bytes from `self.reader` *into `self.buffer`* with a
        // cancel-safe read, and handle the end of the stream (a read of 0 bytes).
        let _ = (&mut self.reader, &mut self.buffer); // Only silences warnings: delete it.
        todo!("read the next frame")
    }
}
// ANCHOR_END: exercise
