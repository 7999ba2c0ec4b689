// Not a module of the crate: `async_closures.rs` includes this file as a doctest that
// must FAIL to compile, so `cargo test --doc` proves the error below is still real.
// ANCHOR: async_fn_spawn
async fn in_background<F>(job: F) -> u32
where
    F: AsyncFn() -> u32 + Send + Sync + 'static,
{
    // `F: Send` is about the closure; nothing says its *future* is `Send`.
    let task = tokio::spawn(async move { job().await });
    task.await.expect("the job does not panic")
}
// ANCHOR_END: async_fn_spawn

fn main() {
    let _ = in_background(async || 42);
}
