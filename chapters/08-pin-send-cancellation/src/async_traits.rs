//! `async fn` in traits: generic code, spawned code, and `dyn`.
//!
//! In Python an `async def` method on a class (or a `typing.Protocol`) is just a method
//! that returns a coroutine; any object with it will do, at run time. In Rust, since
//! 1.75, a trait may declare `async fn` too ([`Fetch`]), and generic code over it works
//! as you would hope ([`fetch_all`]). Two walls remain, and each has a fix:
//!
//! 1. **Spawning.** `async fn fetch` in a trait promises a future, but not a `Send`
//!    one, so a generic caller cannot hand it to `tokio::spawn`:
//!
//! ```compile_fail
#![doc = include_str!("compile_fail/spawn_generic.rs")]
//! ```
//!
//!    The fix is to spell out what `async fn` means and add the bound, `fn fetch(..)
//!    -> impl Future<Output = ..> + Send` ([`SendFetch`]); implementations may still
//!    write `async fn`, and the compiler checks that their futures are `Send`.
//!
//! 2. **`dyn`.** Every implementation's `async fn` returns a future of its own type and
//!    size, so a trait with one is not *dyn compatible*: no `Box<dyn Fetch>` (E0038):
//!
//! ```compile_fail,E0038
#![doc = include_str!("compile_fail/dyn_async.rs")]
//! ```
//!
//!    The fix is a trait whose method returns one type for everybody, a boxed future,
//!    `Pin<Box<dyn Future<Output = ..> + Send + 'a>>` ([`DynFetch`]). That is what the
//!    `async-trait` crate writes for you behind `#[async_trait]` (it predates `async
//!    fn` in traits, and is still the simplest road to `dyn`); here it is written by
//!    hand, once, as a blanket implementation for every [`SendFetch`].

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::sleep;

// ANCHOR: fetch_trait
/// Anything that can look a key up, asynchronously.
// rustc warns about `async fn` in a public trait for the very reason the next
// section gives (callers cannot ask for `Send`); here that wall is the lesson.
#[allow(async_fn_in_trait)]
pub trait Fetch {
    async fn fetch(&self, key: &str) -> Option<String>;
}

/// A table in memory: answers at once.
pub struct Memory(pub HashMap<String, String>);

impl Fetch for Memory {
    async fn fetch(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
}

/// A table behind a slow network: answers after `delay`.
pub struct Remote {
    pub table: Memory,
    pub delay: Duration,
}

impl Fetch for Remote {
    async fn fetch(&self, key: &str) -> Option<String> {
        sleep(self.delay).await;
        self.table.0.get(key).cloned()
    }
}

/// Generic code over the trait: static dispatch, one copy per source type.
pub async fn fetch_all<F: Fetch>(source: &F, keys: &[&str]) -> Vec<Option<String>> {
    let mut found = Vec::new();
    for key in keys {
        found.push(source.fetch(key).await);
    }
    found
}
// ANCHOR_END: fetch_trait

// ANCHOR: send_fetch
/// [`Fetch`] with the promise spawned callers need: every `fetch` future is `Send`.
/// (The `trait-variant` crate writes it for you: see [`Lookup`].)
pub trait SendFetch {
    fn fetch(&self, key: &str) -> impl Future<Output = Option<String>> + Send;
}

impl SendFetch for Remote {
    // Still an `async fn` here: the compiler checks its future is `Send`.
    async fn fetch(&self, key: &str) -> Option<String> {
        sleep(self.delay).await;
        self.table.0.get(key).cloned()
    }
}

/// Now generic code may spawn a fetch: the bound on the trait says it is `Send`.
pub async fn fetch_in_background<F>(source: Arc<F>, key: String) -> Option<String>
where
    F: SendFetch + Send + Sync + 'static,
{
    let task = tokio::spawn(async move { SendFetch::fetch(&*source, &key).await });
    task.await.unwrap_or(None)
}
// ANCHOR_END: send_fetch

// ANCHOR: trait_variant
/// The same promise written by a macro. `trait_variant::make` keeps the trait as
/// written, `LocalLookup` (for code that never spawns), and generates a twin, `Lookup`,
/// whose methods return `impl Future + Send`, with a blanket impl of `LocalLookup` for
/// every `Lookup`. Implementations still write `async fn`.
#[trait_variant::make(Lookup: Send)]
pub trait LocalLookup {
    async fn lookup(&self, key: &str) -> Option<String>;
}

impl Lookup for Remote {
    async fn lookup(&self, key: &str) -> Option<String> {
        sleep(self.delay).await;
        self.table.0.get(key).cloned()
    }
}

/// Spawnable, as with [`SendFetch`]: the futures of `Lookup` are `Send`.
pub async fn lookup_in_background<L>(source: Arc<L>, key: String) -> Option<String>
where
    L: Lookup + Send + Sync + 'static,
{
    let task = tokio::spawn(async move { Lookup::lookup(&*source, &key).await });
    task.await.unwrap_or(None)
}
// ANCHOR_END: trait_variant

// ANCHOR: dyn_fetch
/// A boxed, pinned, `Send` future borrowing from `'a`: one type for every source.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The dyn-compatible face of [`SendFetch`]: `Box<dyn DynFetch>` works.
pub trait DynFetch: Send + Sync {
    fn fetch<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<String>>;
}

/// Every `SendFetch` is a `DynFetch`: box its future. The one allocation per call is
/// the price of `dyn`, as it is with `#[async_trait]`.
impl<T: SendFetch + Send + Sync> DynFetch for T {
    fn fetch<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<String>> {
        Box::pin(SendFetch::fetch(self, key))
    }
}

/// Ask each source in turn, whatever its type; the first that knows the key answers.
pub async fn first_found(sources: &[Box<dyn DynFetch>], key: &str) -> Option<String> {
    for source in sources {
        if let Some(value) = source.fetch(key).await {
            return Some(value);
        }
    }
    None
}
// ANCHOR_END: dyn_fetch

impl SendFetch for Memory {
    async fn fetch(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
}

/// A small table from `(key, value)` pairs.
pub fn table(pairs: &[(&str, &str)]) -> Memory {
    Memory(
        pairs
            .iter()
            .map(|&(key, value)| (key.to_string(), value.to_string()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    fn remote(pairs: &[(&str, &str)], secs: u64) -> Remote {
        Remote {
            table: table(pairs),
            delay: Duration::from_secs(secs),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn generic_code_over_an_async_trait_awaits_each_fetch_in_turn() {
        let start = Instant::now();
        let source = remote(&[("home", "/index.html")], 1);
        let found = fetch_all(&source, &["home", "away"]).await;
        assert_eq!(found, [Some("/index.html".to_string()), None]);
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "one second per key"
        );
        let memory = table(&[("a", "1")]);
        assert_eq!(Fetch::fetch(&memory, "a").await.as_deref(), Some("1"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_send_bound_on_the_trait_lets_generic_code_spawn_a_fetch() {
        let source = Arc::new(remote(&[("home", "/index.html")], 1));
        let found = fetch_in_background(source, "home".to_string()).await;
        assert_eq!(found.as_deref(), Some("/index.html"));
    }

    #[tokio::test(start_paused = true)]
    async fn trait_variant_makes_a_send_twin_that_generic_code_may_spawn() {
        let source = Arc::new(remote(&[("home", "/index.html")], 1));
        let found = lookup_in_background(Arc::clone(&source), "home".to_string()).await;
        assert_eq!(found.as_deref(), Some("/index.html"));
        // The blanket impl: every `Lookup` is a `LocalLookup` too.
        let local = LocalLookup::lookup(&*source, "away").await;
        assert_eq!(local, None);
    }

    #[tokio::test(start_paused = true)]
    async fn boxed_futures_let_sources_of_different_types_share_one_vec_of_dyn() {
        let sources: Vec<Box<dyn DynFetch>> = vec![
            Box::new(table(&[("home", "cached")])),
            Box::new(remote(&[("home", "fresh"), ("about", "/about.html")], 2)),
        ];
        let start = Instant::now();
        assert_eq!(
            first_found(&sources, "home").await.as_deref(),
            Some("cached")
        );
        assert_eq!(start.elapsed(), Duration::ZERO, "the memory table answered");
        let about = first_found(&sources, "about").await;
        assert_eq!(about.as_deref(), Some("/about.html"));
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "the remote answered"
        );
    }
}
