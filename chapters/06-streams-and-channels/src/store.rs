//! `tokio::sync::oneshot`: one reply. A key-value store owned by one task.
//!
//! The line server of this chapter keeps a map that every connection reads and
//! writes. Instead of sharing it behind a lock, one task owns it (an *actor*), and
//! the connections send it commands on an mpsc channel. Each command carries a
//! `oneshot::Sender`, a channel for exactly one value, on which the store sends the
//! answer back to whoever asked.
//!
//! A oneshot is Python's `loop.create_future()`: the asker awaits the receiver, the
//! store fulfils it with `send`, like `future.set_result`. If the store drops the
//! sender without answering, the asker gets an error instead of waiting for ever.
//!
//! Nothing here needs a lock: the map has one owner, and the mpsc channel puts the
//! commands from all connections in one order.
//!
//! A store that takes every `SET` grows until the machine runs out of memory, one
//! client's loop at a time. This one has a limit, as Redis has `maxmemory`: past it,
//! a `SET` that would grow the store is refused (and nothing is evicted, as with
//! Redis' `noeviction` policy), while `GET`, `DEL` and writes that shrink it go on.

use std::collections::HashMap;

use tokio::sync::{mpsc, oneshot};

// ANCHOR: command
/// What a connection can ask the store, each with the channel to answer on.
#[derive(Debug)]
enum Command {
    Get {
        key: String,
        reply: oneshot::Sender<Option<String>>,
    },
    Set {
        key: String,
        value: String,
        reply: oneshot::Sender<Result<Option<String>, StoreError>>,
    },
    Delete {
        key: String,
        reply: oneshot::Sender<Option<String>>,
    },
}
// ANCHOR_END: command

/// The most the store holds by default: 32 MiB, counted as [`Store::with_limit`] says.
pub const MAX_MEMORY: usize = 32 * 1024 * 1024;

/// What an entry costs beyond the bytes of its key and value, by the store's count:
/// the table's slot for two `String`s (48 bytes, and room to spare) and the
/// allocator's smallest block for each of the two texts. Without it, a million
/// `SET a1 b` would count as a few megabytes and take a hundred.
pub const ENTRY_OVERHEAD: usize = 128;

/// Why the store did not do what it was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreError {
    /// The store task has stopped (only when every handle is dropped, or it panicked).
    Gone,
    /// A `SET` refused: it would take the store past its limit, in bytes.
    Full { limit: usize },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Gone => f.write_str("the store task has stopped"),
            StoreError::Full { limit } if limit % (1024 * 1024) == 0 => {
                let mib = limit / (1024 * 1024);
                write!(f, "store full ({mib} MiB); DEL some keys first")
            }
            StoreError::Full { limit } => {
                write!(f, "store full ({limit} bytes); DEL some keys first")
            }
        }
    }
}

impl std::error::Error for StoreError {}

// ANCHOR: store
/// A handle on the store task. Cloning it is cheap: every clone sends to the same
/// task, and the task ends when the last clone is dropped.
#[derive(Debug, Clone)]
pub struct Store {
    commands: mpsc::Sender<Command>,
}

impl Store {
    /// Start the task that owns the map, holding at most [`MAX_MEMORY`].
    pub fn spawn() -> Store {
        Store::with_limit(MAX_MEMORY)
    }

    /// Start the task that owns the map, and return a handle on it. The map holds
    /// at most `limit` bytes, counting each entry as its key and value plus
    /// [`ENTRY_OVERHEAD`].
    pub fn with_limit(limit: usize) -> Store {
        // Room for 32 waiting commands; beyond that, askers wait (back-pressure).
        let (commands, mut inbox) = mpsc::channel(32);
        tokio::spawn(async move {
            let mut map = Map::new(limit);
            while let Some(command) = inbox.recv().await {
                // An asker that gave up has dropped its receiver, and `send` fails;
                // that is its business, so the result is ignored.
                match command {
                    Command::Get { key, reply } => {
                        let _ = reply.send(map.entries.get(&key).cloned());
                    }
                    Command::Set { key, value, reply } => {
                        let _ = reply.send(map.set(key, value));
                    }
                    Command::Delete { key, reply } => {
                        let _ = reply.send(map.delete(&key));
                    }
                }
            }
        });
        Store { commands }
    }

    /// Send a command built around a fresh oneshot, and wait for the answer.
    async fn ask<T>(
        &self,
        command: impl FnOnce(oneshot::Sender<T>) -> Command,
    ) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(command(reply))
            .await
            .map_err(|_| StoreError::Gone)?;
        answer.await.map_err(|_| StoreError::Gone)
    }

    /// The value of `key`, if set.
    pub async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let key = key.to_string();
        self.ask(|reply| Command::Get { key, reply }).await
    }

    /// Set `key`; returns the value it replaced. `Full` if that would take the store
    /// past its limit.
    pub async fn set(&self, key: &str, value: &str) -> Result<Option<String>, StoreError> {
        let (key, value) = (key.to_string(), value.to_string());
        self.ask(|reply| Command::Set { key, value, reply }).await?
    }

    /// Remove `key`; returns the value it had.
    pub async fn delete(&self, key: &str) -> Result<Option<String>, StoreError> {
        let key = key.to_string();
        self.ask(|reply| Command::Delete { key, reply }).await
    }
}
// ANCHOR_END: store

// ANCHOR: map
/// The map, and how much it holds by the store's count.
struct Map {
    entries: HashMap<String, String>,
    used: usize,
    limit: usize,
}

impl Map {
    fn new(limit: usize) -> Map {
        Map {
            entries: HashMap::new(),
            used: 0,
            limit,
        }
    }

    /// Store `value` under `key`, unless the store would grow past its limit. A `SET`
    /// that replaces a value with a shorter one always succeeds: it frees memory.
    fn set(&mut self, key: String, value: String) -> Result<Option<String>, StoreError> {
        let old = self.entries.get(&key).map_or(0, |old| cost(&key, old));
        let new = cost(&key, &value);
        if new > old && self.used - old + new > self.limit {
            return Err(StoreError::Full { limit: self.limit });
        }
        self.used = self.used - old + new;
        Ok(self.entries.insert(key, value))
    }

    fn delete(&mut self, key: &str) -> Option<String> {
        let value = self.entries.remove(key)?;
        self.used -= cost(key, &value);
        Some(value)
    }
}

/// What one entry counts for.
fn cost(key: &str, value: &str) -> usize {
    key.len() + value.len() + ENTRY_OVERHEAD
}
// ANCHOR_END: map

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn each_ask_gets_its_own_answer() {
        let store = Store::spawn();
        assert_eq!(store.set("a", "1").await, Ok(None));
        assert_eq!(
            store.set("a", "2").await,
            Ok(Some("1".into())),
            "set returns the old value"
        );
        assert_eq!(store.get("a").await, Ok(Some("2".into())));
        assert_eq!(store.delete("a").await, Ok(Some("2".into())));
        assert_eq!(store.get("a").await, Ok(None));
    }

    #[tokio::test]
    async fn many_handles_write_to_one_map_without_a_lock() {
        let store = Store::spawn();
        let writers: Vec<_> = (0..10)
            .map(|n| {
                let store = store.clone();
                tokio::spawn(async move { store.set(&format!("k{n}"), &n.to_string()).await })
            })
            .collect();
        for writer in writers {
            writer.await.unwrap().unwrap();
        }
        for n in 0..10 {
            assert_eq!(store.get(&format!("k{n}")).await, Ok(Some(n.to_string())));
        }
    }

    #[tokio::test]
    async fn past_its_limit_a_set_is_refused_and_a_delete_makes_room_again() {
        // Room for two entries of 10 bytes each (key and value), not three.
        let store = Store::with_limit(2 * (10 + ENTRY_OVERHEAD));
        assert_eq!(store.set("k1", "12345678").await, Ok(None));
        assert_eq!(store.set("k2", "12345678").await, Ok(None));
        let full = store.set("k3", "12345678").await;
        assert_eq!(
            full,
            Err(StoreError::Full {
                limit: 2 * (10 + ENTRY_OVERHEAD)
            })
        );
        assert_eq!(store.get("k3").await, Ok(None), "nothing stored");
        assert_eq!(
            store.get("k1").await,
            Ok(Some("12345678".into())),
            "nothing evicted"
        );
        // Replacing a value with one no longer is no growth, so it is taken.
        assert_eq!(store.set("k2", "short").await, Ok(Some("12345678".into())));
        assert_eq!(
            store.set("k2", "longer and longer").await,
            Err(StoreError::Full {
                limit: 2 * (10 + ENTRY_OVERHEAD)
            })
        );
        assert_eq!(store.delete("k1").await, Ok(Some("12345678".into())));
        assert_eq!(store.set("k3", "12345678").await, Ok(None), "room again");
    }

    #[tokio::test]
    async fn small_entries_count_their_overhead_so_the_number_of_keys_is_bounded_too() {
        let store = Store::with_limit(100 * (ENTRY_OVERHEAD + 5));
        let mut stored = 0;
        for n in 0..1000 {
            // Keys `a0`..`a999` and a one-byte value: 3 to 5 bytes each.
            if store.set(&format!("a{n}"), "b").await.is_err() {
                break;
            }
            stored += 1;
        }
        assert!(
            (100..120).contains(&stored),
            "{stored} tiny entries in a store with room for about 100"
        );
    }

    #[test]
    fn a_full_store_says_its_limit_in_the_error() {
        let full = StoreError::Full { limit: MAX_MEMORY };
        assert_eq!(full.to_string(), "store full (32 MiB); DEL some keys first");
    }

    #[tokio::test]
    async fn a_dropped_oneshot_sender_is_an_error_not_a_hang() {
        let (reply, answer) = oneshot::channel::<u32>();
        drop(reply);
        assert!(
            answer.await.is_err(),
            "the receiver learns that no answer will come"
        );
    }
}
