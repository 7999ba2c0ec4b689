//! Exercise 1 (easy): a timeout written by hand, with both of its futures kept in a
//! struct.
//!
//! ```python
//! async def main():
//!     try:
//!         result = await asyncio.wait_for(work(), timeout=1.0)
//!     except TimeoutError:
//!         result = None
//! ```
//!
//! `with_timeout(work, limit)` returns a `Timeout`, a future that gives `Ok(output)`
//! if `work` finishes first and `Err(Elapsed)` once `limit` has passed. Three rules,
//! the ones `tokio::time::timeout` follows:
//!
//! - the limit counts from the call to `with_timeout`, not from the first poll;
//! - a work that wakes up often does not push the deadline back;
//! - a work that is ready when the deadline is ready too is a result, not a timeout:
//!   poll the work first.
//!
//! The wall this exercise is about: the work may be an `async` block, and a `Sleep` is
//! a future too; neither is `Unpin`, so a struct cannot poll them as plain fields.
//! The tests also want `Timeout` to be `Unpin` whatever the work is, so that a caller
//! can `select!` on `&mut timeout` without pinning it first.

use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// The limit passed before the work finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

// ANCHOR: exercise
/// The future [`with_timeout`] returns.
pub struct Timeout<F> {
    // TODO: the fields: the work and the deadline (a `tokio::time::Sleep`), each in a
    // form that can be polled from a `&mut Timeout`. Then delete this placeholder.
    _todo: PhantomData<fn() -> F>,
}

/// Run `work`, but give up once `limit` has passed since this call.
pub fn with_timeout<F: Future>(work: F, limit: Duration) -> Timeout<F> {
    // TODO: start the deadline now, and keep it with the work.
    let _ = (work, limit); // Only silences "unused" warnings: delete it.
    todo!("build the Timeout")
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: poll the work; if it is ready, that is the answer. Otherwise poll the
        // deadline; if it is ready, the answer is `Err(Elapsed)`. Otherwise `Pending`:
        // both have registered `cx`'s waker, so whichever is ready first wakes us.
        let _ = cx; // Only silences "unused" warnings: delete it.
        todo!("poll the work, then the deadline")
    }
}
// ANCHOR_END: exercise
