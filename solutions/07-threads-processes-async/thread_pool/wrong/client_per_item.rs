//! WRONG: a new client for every item (a new `requests.Session()` per download), so
//! no connection is ever reused.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn map_with_pool<T, R, C>(
    items: &[T],
    workers: usize,
    make_client: impl Fn() -> C + Sync,
    job: impl Fn(&C, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(index) else { break };
                    let result = job(&make_client(), item);
                    results.lock().unwrap_or_else(|p| p.into_inner())[index] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|result| result.expect("every index was taken"))
        .collect()
}
