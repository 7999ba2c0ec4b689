//! WRONG: `join_all` over every item: all the downloads run at once, `limit` ignored.

use std::future::Future;

pub async fn download_bounded<T, R, F, Fut>(items: Vec<T>, _limit: usize, fetch: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    futures::future::join_all(items.into_iter().map(fetch)).await
}
