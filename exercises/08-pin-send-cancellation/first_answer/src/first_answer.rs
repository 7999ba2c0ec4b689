//! Exercise 5 (hard): an async trait used through `dyn`, and the first source that
//! knows.
//!
//! ```python
//! class Source(Protocol):
//!     name: str
//!     async def lookup(self, key: str) -> str | None: ...
//!
//! async def first_answer(sources: list[Source], key: str):
//!     pending = {asyncio.create_task(s.lookup(key)): s for s in sources}
//!     try:
//!         while pending:
//!             done, _ = await asyncio.wait(pending, return_when=FIRST_COMPLETED)
//!             for task in done:
//!                 source = pending.pop(task)
//!                 if (value := task.result()) is not None:
//!                     return source.name, value
//!         return None
//!     finally:
//!         for task in pending:
//!             task.cancel()
//! ```
//!
//! `Source` is written for you: an async lookup, made dyn compatible by returning a
//! boxed future, so that sources of different types share one `&[Box<dyn Source>]`
//! (an `async fn lookup` would not allow `dyn`). Implement it for `Table` and `Slow`,
//! then write `first_answer`:
//!
//! - ask every source at once, not one after the other;
//! - the first source to answer `Some` wins: return its name and its value, as soon
//!   as it has answered; a source that answers `None` first does not end the search;
//! - `None` once every source has answered `None` (at once if there are none);
//! - when the answer is found, the lookups still running are cancelled (dropped).

use std::collections::HashMap;
use std::pin::Pin;
use std::time::Duration;

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

// ANCHOR: exercise
impl Source for Table {
    fn name(&self) -> &str {
        &self.name
    }

    fn lookup<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<String>> {
        // TODO: a boxed future (`Box::pin(async move { ... })`) giving the entry.
        let _ = key; // Only silences "unused" warnings: delete it.
        todo!("look the key up in the table")
    }
}

impl Source for Slow {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn lookup<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<String>> {
        // TODO: a boxed future that waits `self.delay`, then asks `self.inner`.
        let _ = key; // Only silences "unused" warnings: delete it.
        todo!("wait, then ask the inner source")
    }
}

/// Ask every source at once; the name and value of the first that knows `key`.
pub async fn first_answer(sources: &[Box<dyn Source>], key: &str) -> Option<(String, String)> {
    // TODO: start every lookup, then take their answers as they come.
    let _ = (sources, key); // Only silences "unused" warnings: delete it.
    todo!("the first source that knows")
}
// ANCHOR_END: exercise
