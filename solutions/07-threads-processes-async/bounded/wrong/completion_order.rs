//! WRONG: `buffer_unordered` yields results in the order they finish, and they are
//! returned in that order: `gather` would return them in the order of the items.

use std::future::Future;

use futures::StreamExt as _;

pub async fn download_bounded<T, R, F, Fut>(items: Vec<T>, limit: usize, fetch: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    futures::stream::iter(items)
        .map(&fetch)
        .buffer_unordered(limit.max(1))
        .collect()
        .await
}
