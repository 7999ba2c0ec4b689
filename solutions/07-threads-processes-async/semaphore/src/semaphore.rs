//! Exercise solved: `async with semaphore:`, at most `limit` at once.

use std::future::Future;

use tokio::sync::Semaphore;

// ANCHOR: solution
pub async fn gather_with_semaphore<T, R, F, Fut>(items: Vec<T>, limit: usize, fetch: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    // A limit of 0 would let nothing run, and every download would wait for ever.
    let semaphore = Semaphore::new(limit.max(1));
    let bounded = items.into_iter().map(|item| {
        let (semaphore, fetch) = (&semaphore, &fetch);
        async move {
            // `async with semaphore:` is a named binding that lives to the end of the
            // block. (`let _ = ...` would drop the permit on the spot.)
            let _permit = semaphore
                .acquire()
                .await
                .expect("the semaphore is never closed");
            fetch(item).await
        }
    });
    // `join_all` returns the results in the order of the futures, like `gather`.
    futures::future::join_all(bounded).await
}
// ANCHOR_END: solution
