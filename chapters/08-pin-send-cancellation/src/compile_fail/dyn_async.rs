// Not a module of the crate: `async_traits.rs` includes this file as a doctest that
// must FAIL to compile, so `cargo test --doc` proves the error below is still real.
// ANCHOR: dyn_async
trait Fetch {
    async fn fetch(&self, key: &str) -> Option<String>;
}

async fn first_found(sources: &[Box<dyn Fetch>], key: &str) -> Option<String> {
    for source in sources {
        if let Some(value) = source.fetch(key).await {
            return Some(value);
        }
    }
    None
}
// ANCHOR_END: dyn_async

fn main() {
    let _ = first_found(&[], "home");
}
