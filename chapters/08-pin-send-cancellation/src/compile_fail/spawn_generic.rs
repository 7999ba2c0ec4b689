// Not a module of the crate: `async_traits.rs` includes this file as a doctest that
// must FAIL to compile, so `cargo test --doc` proves the error below is still real.
// ANCHOR: spawn_generic
trait Fetch {
    async fn fetch(&self, key: &str) -> Option<String>;
}

async fn fetch_in_background<F>(source: F) -> Option<String>
where
    F: Fetch + Send + Sync + 'static,
{
    let task = tokio::spawn(async move { source.fetch("home").await });
    task.await.expect("the task does not panic")
}
// ANCHOR_END: spawn_generic

struct Memory;

impl Fetch for Memory {
    async fn fetch(&self, key: &str) -> Option<String> {
        Some(key.to_uppercase())
    }
}

fn main() {
    let _ = fetch_in_background(Memory);
}
