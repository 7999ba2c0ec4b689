//! WRONG: rounds of `limit` (`chunks`), each waiting for its slowest download while
//! its free slots stay empty.

use std::future::Future;

pub async fn download_bounded<T, R, F, Fut>(items: Vec<T>, limit: usize, fetch: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    let mut results = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        let round: Vec<Fut> = items.by_ref().take(limit.max(1)).map(&fetch).collect();
        results.extend(futures::future::join_all(round).await);
    }
    results
}
