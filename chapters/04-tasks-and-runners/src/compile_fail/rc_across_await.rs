// Not a module of the crate: `send_static.rs` includes this file as a doctest that
// must FAIL to compile, so `cargo test --doc` proves the error below is still real.
// ANCHOR: rc_across_await
use std::rc::Rc;
use std::time::Duration;

async fn greet_all() {
    let names = Rc::new(vec!["hello", "world"]);
    let task = tokio::spawn(async move {
        for name in names.iter() {
            tokio::time::sleep(Duration::from_secs(1)).await;
            println!("{name}");
        }
    });
    task.await.expect("the task does not panic");
}
// ANCHOR_END: rc_across_await

fn main() {
    let _ = greet_all();
}
