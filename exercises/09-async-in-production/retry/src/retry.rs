//! Exercise 1 (easy): retry with exponential backoff, proven on the paused clock.
//!
//! ```python
//! async def retry(op, attempts, first_delay):
//!     delay = first_delay
//!     for attempt in range(1, max(attempts, 1) + 1):
//!         try:
//!             return await op()
//!         except Exception:
//!             if attempt >= attempts:
//!                 raise
//!             await asyncio.sleep(delay)
//!             delay *= 2
//! ```
//!
//! Call `op` until it succeeds, at most `attempts` times (at least once, even when
//! `attempts` is 0). After the first failure wait `first_delay`, after the second
//! twice that, then four times, and so on; after the last try, do not wait at all:
//! return its error at once. Return the first success, or the last error.
//!
//! The tests run on tokio's paused clock and check the time of every call to the
//! millisecond, so "100 ms, then 200 ms" must be exactly that.

use std::time::Duration;

// ANCHOR: exercise
pub async fn retry<T, E, F, Fut>(op: F, attempts: u32, first_delay: Duration) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // TODO: call `op().await` in a loop; on an error, if tries are left, sleep for the
    // current delay (without blocking the thread) and double it; otherwise return it.
    let _ = (op, attempts, first_delay); // Only silences "unused" warnings: delete it.
    todo!("try, wait, try again")
}
// ANCHOR_END: exercise
