//! Exercise (medium): `async with semaphore:`, at most `limit` at once.
//!
//! ```python
//! async def download_all_sites(sites, limit):
//!     semaphore = asyncio.Semaphore(limit)
//!     async def bounded(url):
//!         async with semaphore:
//!             return await download_site(url)
//!     return await asyncio.gather(*(bounded(url) for url in sites))
//! ```
//!
//! Every download is started at once, as `gather` does, and each waits at the
//! semaphore for a permit before it does its work. A finished download gives its
//! permit back at once, so the next waiting one starts then: a sliding window, not
//! rounds of `limit`.
//!
//! Python releases the permit when the `async with` block ends. Rust has no `with`:
//! the permit is a value, and it is released when that value is dropped.

use std::future::Future;

// ANCHOR: exercise
/// `fetch(item)` for every item, all awaited at once like `asyncio.gather`, but at
/// most `limit` of them running at any moment (a `tokio::sync::Semaphore`; a limit of
/// 0 is taken as 1). Results in the order of `items`.
pub async fn gather_with_semaphore<T, R, F, Fut>(items: Vec<T>, limit: usize, fetch: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    // TODO: a `Semaphore::new(limit)`; for each item an `async` block that acquires
    // a permit, keeps it for as long as `fetch(item).await` runs, and returns the
    // result; `futures::future::join_all` of those blocks.
    let _ = (items, limit, fetch);
    todo!("gather with a semaphore")
}
// ANCHOR_END: exercise
