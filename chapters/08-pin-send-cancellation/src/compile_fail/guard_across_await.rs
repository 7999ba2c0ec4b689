// Not a module of the crate: `send_across_await.rs` includes this file as a doctest
// that must FAIL to compile, so `cargo test --doc` proves the error below is real.
// ANCHOR: guard_across_await
use std::sync::{Arc, Mutex};
use std::time::Duration;

async fn save(count: u64) {
    tokio::time::sleep(Duration::from_millis(100)).await;
    println!("saved {count}");
}

async fn visit(counter: Arc<Mutex<u64>>) {
    let mut count = counter.lock().unwrap();
    *count += 1;
    save(*count).await; // `count`, the guard, is still alive across this await
}

fn main() {
    let counter = Arc::new(Mutex::new(0));
    tokio::spawn(visit(counter));
}
// ANCHOR_END: guard_across_await
