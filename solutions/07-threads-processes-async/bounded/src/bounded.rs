//! Exercise solved: a stream of downloads, at most `limit` in flight.

use std::future::Future;

use futures::StreamExt as _;

// ANCHOR: solution
pub async fn download_bounded<T, R, F, Fut>(items: Vec<T>, limit: usize, fetch: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    let fetch = &fetch;
    let mut finished: Vec<(usize, R)> = futures::stream::iter(items.into_iter().enumerate())
        // Nothing is fetched here: `map` only says how to make each future, and
        // `buffer_unordered` makes one each time a slot is free.
        .map(|(index, item)| async move { (index, fetch(item).await) })
        // `buffer_unordered(0)` would never start anything: at least one.
        .buffer_unordered(limit.max(1))
        .collect()
        .await;
    finished.sort_by_key(|(index, _)| *index);
    finished.into_iter().map(|(_, result)| result).collect()
}
// ANCHOR_END: solution
