// Not a module of the crate: `pinning.rs` includes this file as a doctest that must
// FAIL to compile, so `cargo test --doc` proves the error below is still real.
// ANCHOR: unpinned_select
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::sleep;

async fn print_for_a_second(mut messages: mpsc::Receiver<String>) {
    // One deadline for the whole loop, polled again on every turn through `&mut`.
    let mut deadline = sleep(Duration::from_secs(1));
    loop {
        tokio::select! {
            _ = &mut deadline => break,
            Some(message) = messages.recv() => println!("{message}"),
        }
    }
}
// ANCHOR_END: unpinned_select

fn main() {
    let _ = print_for_a_second;
}
