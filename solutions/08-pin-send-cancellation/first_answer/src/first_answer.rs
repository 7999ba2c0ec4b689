//! Exercise 5, solved: an async trait used through `dyn`, and the first source that
//! knows.

use std::collections::HashMap;
use std::pin::Pin;
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::time::sleep;

/// A boxed, pinned, `Send` future that may borrow for `'a`: one type for all sources.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A place that may know the value of a key.
pub trait Source: Send + Sync {
    fn name(&self) -> &str;
    fn lookup<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<String>>;
}

/// A table in memory: answers at once.
pub struct Table {
    pub name: String,
    pub entries: HashMap<String, String>,
}

impl Table {
    pub fn new(name: &str, pairs: &[(&str, &str)]) -> Self {
        let entries = pairs.iter().map(|&(k, v)| (k.to_string(), v.to_string()));
        Table {
            name: name.to_string(),
            entries: entries.collect(),
        }
    }
}

/// Another source behind a slow link: answers what `inner` answers, `delay` later.
pub struct Slow {
    pub inner: Box<dyn Source>,
    pub delay: Duration,
}

// ANCHOR: solution
impl Source for Table {
    fn name(&self) -> &str {
        &self.name
    }

    fn lookup<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<String>> {
        Box::pin(async move { self.entries.get(key).cloned() })
    }
}

impl Source for Slow {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn lookup<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<String>> {
        // The future borrows `self` and `key` for `'a`: the boxed type allows it.
        Box::pin(async move {
            sleep(self.delay).await;
            self.inner.lookup(key).await
        })
    }
}

/// Ask every source at once; the name and value of the first that knows `key`.
pub async fn first_answer(sources: &[Box<dyn Source>], key: &str) -> Option<(String, String)> {
    // Every lookup starts now: the set polls them all, and gives each answer, with
    // its source, as it comes.
    let mut lookups: FuturesUnordered<_> = sources
        .iter()
        .map(|source| async move { (source.name(), source.lookup(key).await) })
        .collect();
    while let Some((name, answer)) = lookups.next().await {
        if let Some(value) = answer {
            // Returning drops `lookups`, and so cancels the lookups still running.
            return Some((name.to_string(), value));
        }
    }
    None
}
// ANCHOR_END: solution
