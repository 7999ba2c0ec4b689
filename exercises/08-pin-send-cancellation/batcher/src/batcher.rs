//! Exercise 3 (medium): a `select!` loop that loses no message and keeps its rhythm.
//!
//! ```python
//! async def batch(input, output, period):
//!     loop = asyncio.get_running_loop()
//!     batch, next_flush = [], loop.time() + period
//!     while True:
//!         try:
//!             message = await asyncio.wait_for(input.get(), next_flush - loop.time())
//!         except TimeoutError:
//!             if batch:
//!                 await output.put(batch)
//!                 batch = []
//!             next_flush += period
//!             continue
//!         if message is None:  # the input is closed
//!             if batch:
//!                 await output.put(batch)
//!             return
//!         batch.append(message)
//! ```
//!
//! Gather the messages that arrive on `input` into batches, and send them on `output`:
//!
//! - one batch every `period`, on a steady rhythm counted from the call (at `period`,
//!   `2 * period`, ...), holding what arrived since the last batch, in order;
//! - no empty batches: a tick with nothing gathered sends nothing;
//! - when `input` is closed (every sender dropped), send what is left at once, and
//!   return;
//! - when `output` is closed (nobody reads the batches any more), return.

use std::time::Duration;

use tokio::sync::mpsc;

// ANCHOR: exercise
/// Batch `input` onto `output`, one batch every `period`, until `input` closes.
pub async fn batch(
    input: mpsc::Receiver<String>,
    output: mpsc::Sender<Vec<String>>,
    period: Duration,
) {
    // TODO: loop over a `tokio::select!` with two branches: a message from `input`,
    // and the next tick of the rhythm. Mind what becomes of a future made inside
    // `select!` on every turn of the loop.
    let _ = (input, output, period); // Only silences "unused" warnings: delete it.
    todo!("gather and send batches")
}
// ANCHOR_END: exercise
