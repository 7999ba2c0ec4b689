// Not a module of the crate: `async_closures.rs` includes this file as a doctest that
// must FAIL to compile, so `cargo test --doc` proves the error below is still real.
// ANCHOR: closure_escape
async fn retry_old<F, Fut>(attempts: u32, mut operation: F) -> Result<u32, String>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<u32, String>>,
{
    let mut last = Err("no attempt".to_string());
    for attempt in 1..=attempts {
        last = operation(attempt).await;
        if last.is_ok() {
            break;
        }
    }
    last
}

async fn count_tries() -> Vec<u32> {
    let mut tried = Vec::new();
    let _ = retry_old(3, |attempt| async {
        tried.push(attempt); // borrows `tried` from the closure, inside the future
        Err("busy".to_string())
    })
    .await;
    tried
}
// ANCHOR_END: closure_escape

fn main() {
    let _ = count_tries();
}
