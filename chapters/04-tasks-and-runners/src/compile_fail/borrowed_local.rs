// Not a module of the crate: `send_static.rs` includes this file as a doctest that
// must FAIL to compile, so `cargo test --doc` proves the error below is still real.
// ANCHOR: borrowed_local
async fn greet_all() {
    let names = vec!["hello".to_string(), "world".to_string()];
    let task = tokio::spawn(async {
        for name in &names {
            println!("{name}");
        }
    });
    task.await.expect("the task does not panic");
}
// ANCHOR_END: borrowed_local

fn main() {
    let _ = greet_all();
}
