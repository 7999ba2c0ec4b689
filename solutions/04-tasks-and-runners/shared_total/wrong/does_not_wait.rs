//! WRONG: reads the total as soon as the tasks are spawned, while they are still adding.

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
                    // Read and write in one step: no other thread can come between.
                    total.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    // "They are running; the total will be right."
    drop(tasks);
    total.load(Ordering::Relaxed)
}
