//! Exercise 2 (medium): a pipeline of stages joined by bounded channels.
//!
//! ```text
//! source --(capacity)--> square --(capacity)--> sink (slow: `work` per value)
//! ```
//!
//! ```python
//! async def source(inputs, out):
//!     for n in inputs:
//!         await out.put(n)                    # waits while `out` is full
//!     await out.put(None)                     # "no more"
//!
//! async def square(inp, out):
//!     while (n := await inp.get()) is not None:
//!         await out.put(n * n)
//!     await out.put(None)
//!
//! async def sink(inp, work):
//!     results = []
//!     while (n := await inp.get()) is not None:
//!         results.append(n)
//!         await asyncio.sleep(work)
//!     return results
//! ```
//!
//! Each stage is a task; the channels between them are `tokio::sync::mpsc`
//! channels of `capacity`. Because they are bounded, a slow sink holds the whole
//! pipeline back to its pace: that is back-pressure, and the tests measure it from
//! the `Timeline` stamps. Rust needs no `None` sentinel: when a stage ends, its
//! `Sender` is dropped, and the next stage's `recv` returns `None`.
//!
//! One thing the chapter's producer and consumer never meet: a stage that fails.
//! A Python int squares without limit; a `u64` holds at most 18_446_744_073_709_551_615,
//! so `square` refuses a value whose square does not fit, and the failure must reach
//! the caller of `pipeline` as `Err(Overflow(value))`, with the other stages stopped.

use std::time::Duration;

use course_kit::Timeline;
use tokio::sync::mpsc;

// ANCHOR: exercise
/// `square` met a value whose square does not fit in a `u64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow(pub u64);

/// Send each input in order on `out`; after each send, say `sent {n}` on the
/// lane "source" of `log`. Stop early if the next stage has gone.
pub async fn source(inputs: Vec<u64>, out: mpsc::Sender<u64>, log: Timeline) {
    // TODO: send each input, waiting when the channel is full; stop early if the
    // receiver is gone (`send` returns an error).
    let _ = (inputs, out, log);
    todo!("the source stage")
}

/// Receive values until the channel closes, and send on each one squared. Stop
/// early if the next stage has gone. A value whose square does not fit in a `u64`
/// is refused: return `Err(Overflow(value))` at once, which stops the stages on
/// either side.
pub async fn square(input: mpsc::Receiver<u64>, out: mpsc::Sender<u64>) -> Result<(), Overflow> {
    // TODO: `while let Some(n) = input.recv().await`, then send `n` squared
    // (`checked_mul`); stop if the send fails (the next stage has gone).
    let _ = (input, out);
    todo!("the square stage")
}

/// Receive values until the channel closes. For each: say `got {n}` on the lane
/// "sink" of `log`, then take `work` over it (sleep). Returns the values in order.
pub async fn sink(input: mpsc::Receiver<u64>, work: Duration, log: Timeline) -> Vec<u64> {
    // TODO: collect the values, logging and sleeping for each.
    let _ = (input, work, log);
    todo!("the sink stage")
}

/// Join the three stages with two channels of `capacity`, run them all, and
/// return what the sink collected, or the `Overflow` that stopped `square`.
pub async fn pipeline(
    inputs: Vec<u64>,
    capacity: usize,
    work: Duration,
    log: Timeline,
) -> Result<Vec<u64>, Overflow> {
    // TODO: make the two channels, spawn `source` and `square` as tasks, and run
    // `sink` to the end; then await `square`'s task for its result.
    let _ = (inputs, capacity, work, log);
    todo!("build the pipeline")
}
// ANCHOR_END: exercise
