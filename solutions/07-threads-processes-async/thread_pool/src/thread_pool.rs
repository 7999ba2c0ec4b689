//! Exercise solved: a pool of threads, each with a client of its own.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

// ANCHOR: solution
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
        let mut handles = Vec::new();
        // A pool of 0 workers would never run anything: at least one.
        for _ in 0..workers.max(1) {
            handles.push(scope.spawn(|| {
                // This worker's client: `thread_local.session`, made on first use.
                let mut client = None;
                loop {
                    // Take the next item nobody has taken; stop when there is none.
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(index) else { break };
                    let client = client.get_or_insert_with(&make_client);
                    let result = job(client, item);
                    // Hold the lock only to store, never while the job runs.
                    results.lock().unwrap_or_else(|p| p.into_inner())[index] = Some(result);
                }
            }));
        }
        // The scope would join the workers itself, but a job's panic would then reach
        // the caller as "a scoped thread panicked", its own message lost. Join them
        // here and carry the first panic on as it was, as `executor.map` re-raises the
        // job's own exception.
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|result| result.expect("every index was taken by exactly one worker"))
        .collect()
}
// ANCHOR_END: solution
