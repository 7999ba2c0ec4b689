//! WRONG: a load then a store, with no await between: fine on one thread, a race on several.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub async fn shared_total(workers: usize, adds: u64) -> u64 {
    // One counter, shared: each task owns an `Arc` to it, as `spawn` requires.
    let total = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            let total = Arc::clone(&total);
            tokio::spawn(async move {
                for _ in 0..adds {
                    let seen = total.load(Ordering::SeqCst);
                    total.store(seen + 1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("a worker only adds, and never panics");
    }
    // Every task has finished, so every add is in.
    total.load(Ordering::Relaxed)
}
