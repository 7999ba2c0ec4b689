//! Async closures: a closure whose future may borrow what the closure captured.
//!
//! Python has no `async lambda`; a nested `async def` closes over the outer variables,
//! and, the frame being on the heap, may change them across its awaits at will.
//!
//! Rust used to spell "an async callback" as a closure returning a future, `F: FnMut()
//! -> Fut`. The future it returns is a separate value that must not borrow from the
//! closure (the closure is called again while the first future may still exist), so a
//! callback could not, say, push to a `Vec` it captured by `&mut` across an `.await`:
//!
//! ```compile_fail
#![doc = include_str!("compile_fail/closure_escape.rs")]
//! ```
//!
//! Since Rust 1.85 there are async closures, `async |x| { ... }`, and the traits
//! `AsyncFn`, `AsyncFnMut` and `AsyncFnOnce`, whose futures *may* borrow from the
//! closure. [`retry`] takes one; its caller's closure keeps a log in a local `Vec`.

use std::time::Duration;

use tokio::time::sleep;

// ANCHOR: retry
/// Call `operation` with attempt numbers 1, 2, ... until it succeeds or `attempts`
/// calls have failed, waiting `pause` between calls; the last error if all failed.
///
/// `AsyncFnMut`: each call's future may borrow the closure mutably (for its log), and
/// the borrow ends when that future is done, before the next call.
pub async fn retry<T, E>(
    attempts: u32,
    pause: Duration,
    mut operation: impl AsyncFnMut(u32) -> Result<T, E>,
) -> Result<T, E> {
    let mut attempt = 1;
    loop {
        match operation(attempt).await {
            Err(error) if attempt < attempts => {
                let _ = error; // this one is retried; only the last error is kept
                sleep(pause).await;
                attempt += 1;
            }
            outcome => return outcome,
        }
    }
}
// ANCHOR_END: retry

// ANCHOR: caller
/// A flaky operation that fails `failures` times, called through [`retry`] by an
/// async closure that records every attempt in a local `Vec`: the borrow the
/// old `FnMut() -> Fut` spelling could not express.
pub async fn flaky_with_log(failures: u32, attempts: u32) -> (Result<String, String>, Vec<u32>) {
    let mut tried = Vec::new();
    let outcome = retry(attempts, Duration::from_millis(100), async |attempt| {
        tried.push(attempt);
        sleep(Duration::from_millis(50)).await; // the call itself takes a while
        if attempt <= failures {
            Err(format!("attempt {attempt}: busy"))
        } else {
            Ok(format!("attempt {attempt}: done"))
        }
    })
    .await;
    (outcome, tried)
}
// ANCHOR_END: caller

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn an_async_closure_borrows_its_captured_vec_across_awaits() {
        let start = Instant::now();
        let (outcome, tried) = flaky_with_log(2, 5).await;
        assert_eq!(outcome.as_deref(), Ok("attempt 3: done"));
        assert_eq!(tried, [1, 2, 3]);
        assert_eq!(start.elapsed(), Duration::from_millis(3 * 50 + 2 * 100));
    }

    #[tokio::test(start_paused = true)]
    async fn retry_gives_the_last_error_after_the_last_attempt_without_a_pause() {
        let start = Instant::now();
        let (outcome, tried) = flaky_with_log(9, 3).await;
        assert_eq!(outcome, Err("attempt 3: busy".to_string()));
        assert_eq!(tried, [1, 2, 3]);
        assert_eq!(start.elapsed(), Duration::from_millis(3 * 50 + 2 * 100));
    }
}
