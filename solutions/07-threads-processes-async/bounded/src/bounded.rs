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
/// The same downloads, at most `limit` in flight; each result is handed to `deliver`
/// in the order of `items`, as soon as it and every result before it are in.
pub async fn deliver_in_order<T, R, F, Fut>(
    items: Vec<T>,
    limit: usize,
    fetch: F,
    mut deliver: impl FnMut(R),
) where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    let fetch = &fetch;
    let mut finished = futures::stream::iter(items.into_iter().enumerate())
        .map(|(index, item)| async move { (index, fetch(item).await) })
        .buffer_unordered(limit.max(1));
    // Results that came in before an earlier one: each waits here for its turn.
    // (`buffered(limit)` keeps the order too, but a finished result still holds its
    // slot until its turn, so one slow download stops new ones from starting.)
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    while let Some((index, result)) = finished.next().await {
        waiting.insert(index, result);
        // Hand over every result whose elders have all been handed over.
        while let Some(result) = waiting.remove(&next) {
            deliver(result);
            next += 1;
        }
    }
}
// ANCHOR_END: solution
