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
//!
//! Then put the paused clock to work yourself. `call_times` is what a test of a retry
//! policy needs: it runs `retry` on a runtime of its own whose clock starts paused
//! (what `#[tokio::test(start_paused = true)]` builds), and returns the result with
//! the moment of every call to `op`, read on that runtime's clock. A policy whose
//! waits add up to hours is then checked in microseconds, to the exact millisecond,
//! and `op` itself may take (tokio) time too.

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

/// Run `retry(op, attempts, first_delay)` on a new current-thread runtime whose clock
/// starts paused; return its result, and when each call to `op` began, measured from
/// the start on that runtime's clock.
pub fn call_times<T, E, F, Fut>(
    op: F,
    attempts: u32,
    first_delay: Duration,
) -> (Result<T, E>, Vec<Duration>)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // TODO: `tokio::runtime::Builder::new_current_thread()`, with the time driver
    // enabled and the clock paused at the start; `block_on` an async block that notes
    // `tokio::time::Instant::now()`, and wraps `op` in a closure that records
    // `start.elapsed()` before each call.
    let _ = (op, attempts, first_delay); // Only silences "unused" warnings: delete it.
    todo!("retry on a paused clock, and the times of the calls")
}
// ANCHOR_END: exercise
