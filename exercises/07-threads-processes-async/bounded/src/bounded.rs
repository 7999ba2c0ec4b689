//! Exercise (hard): a stream of downloads, at most `limit` in flight.
//!
//! The semaphore version makes every download's future up front and parks all but
//! `limit` of them at the semaphore. For 80 sites that is fine; for a million it is a
//! million futures in memory before the first byte arrives. A stream turns the list
//! into futures one at a time, as slots free up:
//!
//! ```python
//! # Python has no built-in for this; aiostream's `stream.map(..., task_limit=limit)`
//! # or a queue with `limit` workers is the usual answer.
//! ```
//!
//! `futures::StreamExt::buffer_unordered(limit)` is exactly that: it pulls the next
//! future from the stream only when fewer than `limit` are running, and yields their
//! outputs in the order they finish.
//!
//! The chapter's listing collects every result and sorts them at the end, so the
//! first result waits for the slowest. `deliver_in_order` hands each result over in
//! the order of the items *as soon as it can*: once it and every result before it
//! are in, with the window still sliding.

use std::future::Future;

#[allow(unused_imports)] // you will need it
use futures::StreamExt as _;

// ANCHOR: exercise
/// `fetch(item)` for every item, at most `limit` in flight, each future made only
/// when there is room for it (a limit of 0 is taken as 1). Results in the order of
/// `items`.
pub async fn download_bounded<T, R, F, Fut>(items: Vec<T>, limit: usize, fetch: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    // TODO: `futures::stream::iter` over the items with their index, `map` each to a
    // future that fetches it and keeps the index, `buffer_unordered(limit)`,
    // `collect().await`, then put the results back in the order of the items.
    let _ = (items, limit, fetch);
    todo!("buffer_unordered(limit)")
}

/// The same downloads, at most `limit` in flight; each result is handed to `deliver`
/// in the order of `items`, as soon as it and every result before it are in.
pub async fn deliver_in_order<T, R, F, Fut>(
    items: Vec<T>,
    limit: usize,
    fetch: F,
    deliver: impl FnMut(R),
) where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    // TODO: the same stream of `(index, result)` as above; keep the results that come
    // before their turn (a `BTreeMap` by index), and after each one that comes in,
    // deliver every result whose turn it now is.
    let _ = (items, limit, fetch, deliver);
    todo!("results in order, each as soon as it can be")
}
// ANCHOR_END: exercise
