//! WRONG: `async move` copies the u64 total into each task, so each adds to its own copy.

pub async fn shared_total(workers: usize, adds: u64) -> u64 {
    let mut total = 0u64;
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            // "move, because spawn wants 'static": a u64 is Copy, so each task gets
            // a copy of `total` and adds to that.
            tokio::spawn(async move {
                for _ in 0..adds {
                    total += 1;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("a worker only adds, and never panics");
    }
    total
}
