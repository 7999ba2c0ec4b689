//! Not part of the exercise: the one construct it needs that the chapter has not
//! shown, on its own. The book includes it under "What you need"; your code goes in
//! `fan_out.rs`.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::time::sleep;

// ANCHOR: example
/// Python's `async with permits:` in every task, with `permits = Semaphore(2)`: five
/// one-second tasks, at most two at work at once, so 3 s in all.
pub async fn two_at_a_time() {
    let permits = Arc::new(Semaphore::new(2));
    let mut tasks = Vec::new();
    for _ in 0..5 {
        // `acquire` borrows the semaphore, which a spawned task ('static) cannot
        // hold; `acquire_owned` takes an `Arc` of it, and its permit can move into
        // the task.
        let permits = Arc::clone(&permits);
        tasks.push(tokio::spawn(async move {
            let _permit = permits.acquire_owned().await.expect("never closed");
            sleep(Duration::from_secs(1)).await;
            // `_permit` is dropped here: the permit goes back to the semaphore, and
            // a waiting task gets it.
        }));
    }
    for task in tasks {
        task.await.expect("the tasks do not panic");
    }
}
// ANCHOR_END: example
