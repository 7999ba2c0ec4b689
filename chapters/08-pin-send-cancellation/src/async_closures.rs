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
//!
//! What an `AsyncFn` bound cannot say on stable Rust is that the *future* is `Send`.
//! Its type, `<F as AsyncFnMut<()>>::CallRefFuture<'_>`, sits behind an unstable
//! feature, so no stable `where` clause can bound it, and a generic caller cannot
//! hand it to `tokio::spawn` (`F: Send` is about the closure, not its futures):
//!
//! ```compile_fail
#![doc = include_str!("compile_fail/async_fn_spawn.rs")]
//! ```
//!
//! A callback whose futures are spawned still takes the old spelling, which names the
//! future's type and so can bound it ([`every_in_background`]). Return type notation
//! (RFC 3654, and `F(..): Send` for async closures as RFC 3668 proposes) is the
//! unstable syntax that will let an `AsyncFn` bound say it.

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

// ANCHOR: spawned_callback
/// Run `job` in `count` spawned tasks at once and collect what they return, in the
/// order they were started. `F: Fn() -> Fut` names the future's type, `Fut`, so it
/// can be bounded `Send + 'static` for `tokio::spawn`: the one thing `AsyncFn` cannot
/// say on stable Rust. The price is the old one: `Fut` cannot borrow from `job`.
pub async fn every_in_background<F, Fut, T>(count: usize, job: F) -> Vec<T>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let tasks: Vec<_> = (0..count).map(|n| tokio::spawn(job(n))).collect();
    let mut results = Vec::with_capacity(count);
    for task in tasks {
        results.push(task.await.expect("no job panics"));
    }
    results
}
// ANCHOR_END: spawned_callback

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

    #[tokio::test(start_paused = true)]
    async fn a_callback_bounded_fn_to_a_send_future_can_be_spawned_and_runs_at_once() {
        let start = Instant::now();
        let results = every_in_background(3, |n| async move {
            // Each job owns what it uses (`n`): the future borrows nothing.
            sleep(Duration::from_millis(100 * (3 - n as u64))).await;
            n * 10
        })
        .await;
        assert_eq!(results, [0, 10, 20], "in the order they were started");
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(300),
            "the three ran at once: the slowest one's time"
        );
    }
}
