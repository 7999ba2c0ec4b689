// Not a module of the crate: `send_across_await.rs` includes this file as a doctest
// that must FAIL to compile, so `cargo test --doc` proves the error below is real.
// Its twin that compiles, without the `*guard += 1`, is `unlock_then_wait` there.
use std::sync::{Arc, Mutex};

use tokio::task::yield_now;

// ANCHOR: drop_before_await
async fn bump_then_wait(counter: Arc<Mutex<u64>>) {
    let mut guard = counter.lock().unwrap();
    *guard += 1; // a `DerefMut` borrow of `guard`
    drop(guard); // unlocked here; but `guard` was borrowed, so it is kept
    yield_now().await;
}
// ANCHOR_END: drop_before_await

fn main() {
    tokio::spawn(bump_then_wait(Arc::default()));
}
