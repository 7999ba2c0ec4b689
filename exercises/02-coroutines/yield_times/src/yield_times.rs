//! Exercise 2 (easy): a plain struct made awaitable.
//!
//! ```python
//! @types.coroutine
//! def yield_times(n):
//!     for _ in range(n):
//!         yield          # a bare yield: let the event loop run others for a turn
//!     return n
//! ```
//!
//! `await yield_times(3)` hands control back to the event loop three times, then
//! evaluates to 3. Write the same as a struct that implements `Future`: the first
//! `n` polls return `Pending`, the next returns `Ready(n)`. The chapter's `Nice`
//! (in `chapters/02-coroutines/src/awaitable.rs`) is `yield_times(1)` without the
//! count.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: exercise
pub struct YieldTimes {
    // TODO: what the future must remember from one poll to the next.
}

pub fn yield_times(n: u32) -> YieldTimes {
    // TODO: a future that will yield `n` times.
    let _ = n;
    todo!("create the YieldTimes future")
}

impl Future for YieldTimes {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        // TODO: while there are yields left, count one and return `Pending`, but
        // first make sure the runtime will poll this task again. Then `Ready(n)`.
        let _ = cx;
        todo!("yield, or finish")
    }
}
// ANCHOR_END: exercise
