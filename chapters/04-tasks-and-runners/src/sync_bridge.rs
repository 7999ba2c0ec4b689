//! The other side of the colouring problem: calling async code from sync code.
//!
//! Sync code cannot `.await`. To use an async function it needs something that runs
//! the future to the end while the thread waits: a runtime's `block_on`.
//!
//! - From plain sync code (a `main`, a sync library API): own a `Runtime` and
//!   `block_on` each call. [`BlockingPrices`] is the pattern `reqwest::blocking`
//!   uses. Python: `asyncio.run(...)`, or a kept `asyncio.Runner`.
//! - From sync code that async code called (on a `spawn_blocking` thread): borrow the
//!   running runtime through a [`Handle`] and `handle.block_on(...)`:
//!   [`total_via_legacy`]. `handle.block_on` polls the future *on the calling thread*
//!   (the runtime's timers and IO drivers serve it from there). Python's
//!   `asyncio.run_coroutine_threadsafe(coro, loop).result()` runs the coroutine on
//!   the loop's thread instead, and the calling thread only waits; the Rust twin of
//!   that is `handle.spawn(future)` and a wait for its `JoinHandle`
//!   ([`legacy_total_on_the_runtime`]).
//! - Never from inside a task: a `block_on` there would block the thread that has to
//!   drive the very future it waits for, so tokio panics with "Cannot start a
//!   runtime from within a runtime" instead of deadlocking. Python refuses in the
//!   same place: "asyncio.run() cannot be called from a running event loop".

use std::time::Duration;

use anyhow::bail;
use tokio::runtime::{Builder, Handle, Runtime};
use tokio::time::sleep;

// ANCHOR: fetch_price
/// An async API: the price of an item, after a 100ms round trip.
pub async fn fetch_price(item: &str) -> anyhow::Result<u32> {
    sleep(Duration::from_millis(100)).await;
    match item {
        "apple" => Ok(3),
        "pear" => Ok(4),
        _ => bail!("no price for {item:?}"),
    }
}
// ANCHOR_END: fetch_price

// ANCHOR: blocking_prices
/// A sync face on the async API: it owns a one-thread runtime and `block_on`s each
/// call, so its callers need not know that async exists.
pub struct BlockingPrices {
    runtime: Runtime,
}

impl BlockingPrices {
    pub fn new() -> std::io::Result<Self> {
        let runtime = Builder::new_current_thread().enable_all().build()?;
        Ok(BlockingPrices { runtime })
    }

    /// Blocks the calling thread until the price is in. Do not call it from async
    /// code: there, `.await` `fetch_price` instead.
    pub fn price(&self, item: &str) -> anyhow::Result<u32> {
        self.runtime.block_on(fetch_price(item))
    }
}
// ANCHOR_END: blocking_prices

// ANCHOR: legacy
/// A sync function, say from an older part of the program, that needs prices. It
/// runs on a blocking thread and reaches back into the runtime with a `Handle`.
pub fn legacy_total(handle: &Handle, items: &[&str]) -> anyhow::Result<u32> {
    items
        .iter()
        .map(|item| handle.block_on(fetch_price(item)))
        .sum()
}

/// Async code that has to call `legacy_total`: off the runtime's thread with
/// `spawn_blocking` (it blocks), handing it a `Handle` to this runtime.
pub async fn total_via_legacy(items: Vec<&'static str>) -> anyhow::Result<u32> {
    let handle = Handle::current();
    tokio::task::spawn_blocking(move || legacy_total(&handle, &items)).await?
}
// ANCHOR_END: legacy

// ANCHOR: on_the_runtime
/// `legacy_total` the way `run_coroutine_threadsafe(...).result()` does it: each
/// future is spawned onto the runtime and polled by the runtime's own threads; this
/// thread only waits for the `JoinHandle`. (A spawned future must be `'static`, so the
/// items are `&'static str` here.)
pub fn legacy_total_on_the_runtime(handle: &Handle, items: &[&'static str]) -> anyhow::Result<u32> {
    items
        .iter()
        .map(|&item| handle.block_on(handle.spawn(fetch_price(item)))?)
        .sum()
}
// ANCHOR_END: on_the_runtime

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_code_gets_async_results_through_a_runtime_it_owns() {
        let prices = BlockingPrices::new().unwrap();
        assert_eq!(prices.price("apple").unwrap(), 3);
        let error = prices.price("kiwi").unwrap_err();
        assert_eq!(error.to_string(), "no price for \"kiwi\"");
    }

    // Real clock: `handle.block_on` waits from a spawn_blocking thread, and while
    // one is in flight tokio's paused clock does not jump ahead to the next timer.
    #[tokio::test]
    async fn sync_code_on_a_blocking_thread_calls_back_into_the_runtime_with_a_handle() {
        assert_eq!(total_via_legacy(vec!["apple", "pear"]).await.unwrap(), 7);
        assert!(total_via_legacy(vec!["apple", "kiwi"]).await.is_err());
    }

    #[test]
    fn handle_block_on_polls_on_the_calling_thread_and_handle_spawn_on_the_runtimes() {
        let runtime = Builder::new_current_thread().enable_all().build().unwrap();
        let handle = runtime.handle().clone();
        // A current-thread runtime's tasks are polled by the thread inside
        // `Runtime::block_on`: this one.
        let runtime_thread = std::thread::current().id();
        let (caller, by_block_on, by_spawn) = runtime.block_on(async move {
            tokio::task::spawn_blocking(move || {
                let by_block_on = handle.block_on(async { std::thread::current().id() });
                let by_spawn = handle
                    .block_on(handle.spawn(async { std::thread::current().id() }))
                    .unwrap();
                (std::thread::current().id(), by_block_on, by_spawn)
            })
            .await
            .unwrap()
        });
        assert_eq!(by_block_on, caller, "Handle::block_on polled it right here");
        assert_ne!(caller, runtime_thread);
        assert_eq!(
            by_spawn, runtime_thread,
            "a spawned future is polled by the runtime, as run_coroutine_threadsafe's \
             coroutine runs on the loop's thread"
        );
    }

    #[test]
    fn spawning_onto_the_runtime_gives_the_same_total() {
        let runtime = Builder::new_current_thread().enable_all().build().unwrap();
        let handle = runtime.handle().clone();
        let total = runtime.block_on(async move {
            tokio::task::spawn_blocking(move || {
                legacy_total_on_the_runtime(&handle, &["apple", "pear", "apple"])
            })
            .await
            .unwrap()
        });
        assert_eq!(total.unwrap(), 10);
    }

    #[test]
    #[should_panic(expected = "Cannot start a runtime from within a runtime")]
    fn block_on_inside_async_code_panics_instead_of_deadlocking() {
        let prices = BlockingPrices::new().unwrap();
        let outer = Builder::new_current_thread().enable_all().build().unwrap();
        outer.block_on(async { prices.price("apple") }).unwrap();
    }
}
