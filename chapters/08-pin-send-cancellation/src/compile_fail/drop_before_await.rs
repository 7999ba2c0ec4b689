// Not a module of the crate: `send_across_await.rs` includes this file as a doctest
// that must FAIL to compile, so `cargo test --doc` proves the error below is real.
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn save(count: u64) {
    tokio::time::sleep(Duration::from_millis(100)).await;
    println!("saved {count}");
}

// ANCHOR: drop_before_await
async fn visit(counter: Arc<Mutex<u64>>) {
    let mut count = counter.lock().unwrap();
    *count += 1;
    let seen = *count;
    drop(count); // unlocked here, yet the compiler still counts `count` as held
    save(seen).await;
}
// ANCHOR_END: drop_before_await

fn main() {
    let counter = Arc::new(Mutex::new(0));
    tokio::spawn(visit(counter));
}
