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
//!   [`total_via_legacy`]. Python: `asyncio.run_coroutine_threadsafe(coro,
//!   loop).result()` from the executor's thread.
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
    #[should_panic(expected = "Cannot start a runtime from within a runtime")]
    fn block_on_inside_async_code_panics_instead_of_deadlocking() {
        let prices = BlockingPrices::new().unwrap();
        let outer = Builder::new_current_thread().enable_all().build().unwrap();
        outer.block_on(async { prices.price("apple") }).unwrap();
    }
}
