//! Exercise 1 (easy): `timeout` from `select!` and `sleep`.
//!
//! ```python
//! try:
//!     result = await asyncio.wait_for(download(), timeout=2)
//! except TimeoutError:
//!     print("gave up after 2 s")
//! ```
//!
//! `tokio::time::timeout` does this already. Write your own with `tokio::select!`,
//! racing the future against `tokio::time::sleep(limit)`: whichever finishes first
//! wins, and `select!` drops the other. One rule on top: a future that is ready at
//! once wins even when the limit is zero, as it does in `asyncio.wait_for`.

use std::fmt;
use std::future::Future;
use std::time::Duration;

// ANCHOR: exercise
/// The error of a future that did not finish within its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut {
    pub after: Duration,
}

impl fmt::Display for TimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "timed out after {:?}", self.after)
    }
}

impl std::error::Error for TimedOut {}

/// Await `future`, giving up after `limit`.
pub async fn timeout<F: Future>(limit: Duration, future: F) -> Result<F::Output, TimedOut> {
    // TODO: race `future` against `tokio::time::sleep(limit)` with `tokio::select!`.
    // The future's output is `Ok(output)`; the sleep finishing first is
    // `Err(TimedOut { after: limit })`.
    let _ = (&future, limit); // Only silences "unused" warnings: delete it.
    todo!("race the future against a sleep")
}
// ANCHOR_END: exercise
