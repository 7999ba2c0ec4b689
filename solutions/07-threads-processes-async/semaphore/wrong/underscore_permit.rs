//! WRONG: `let _ = semaphore.acquire().await` drops the permit on the spot (`_` is
//! not a name, so nothing keeps it alive): there is no limit at all.

use std::future::Future;

use tokio::sync::Semaphore;

pub async fn gather_with_semaphore<T, R, F, Fut>(items: Vec<T>, limit: usize, fetch: F) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R>,
{
    let semaphore = Semaphore::new(limit);
    let bounded = items.into_iter().map(|item| {
        let (semaphore, fetch) = (&semaphore, &fetch);
        async move {
            let _ = semaphore
                .acquire()
                .await
                .expect("the semaphore is never closed");
            fetch(item).await
        }
    });
    futures::future::join_all(bounded).await
}
