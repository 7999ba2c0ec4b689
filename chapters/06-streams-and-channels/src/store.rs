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
        reply: oneshot::Sender<Option<String>>,
    },
    Delete {
        key: String,
        reply: oneshot::Sender<Option<String>>,
    },
}
// ANCHOR_END: command

/// The store task has stopped (only when every handle is dropped, or it panicked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreGone;

impl std::fmt::Display for StoreGone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the store task has stopped")
    }
}

impl std::error::Error for StoreGone {}

// ANCHOR: store
/// A handle on the store task. Cloning it is cheap: every clone sends to the same
/// task, and the task ends when the last clone is dropped.
#[derive(Debug, Clone)]
pub struct Store {
    commands: mpsc::Sender<Command>,
}

impl Store {
    /// Start the task that owns the map, and return a handle on it.
    pub fn spawn() -> Store {
        // Room for 32 waiting commands; beyond that, askers wait (back-pressure).
        let (commands, mut inbox) = mpsc::channel(32);
        tokio::spawn(async move {
            let mut map: HashMap<String, String> = HashMap::new();
            while let Some(command) = inbox.recv().await {
                // An asker that gave up has dropped its receiver, and `send` fails;
                // that is its business, so the result is ignored.
                match command {
                    Command::Get { key, reply } => {
                        let _ = reply.send(map.get(&key).cloned());
                    }
                    Command::Set { key, value, reply } => {
                        let _ = reply.send(map.insert(key, value));
                    }
                    Command::Delete { key, reply } => {
                        let _ = reply.send(map.remove(&key));
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
    ) -> Result<T, StoreGone> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(command(reply))
            .await
            .map_err(|_| StoreGone)?;
        answer.await.map_err(|_| StoreGone)
    }

    /// The value of `key`, if set.
    pub async fn get(&self, key: &str) -> Result<Option<String>, StoreGone> {
        let key = key.to_string();
        self.ask(|reply| Command::Get { key, reply }).await
    }

    /// Set `key`; returns the value it replaced.
    pub async fn set(&self, key: &str, value: &str) -> Result<Option<String>, StoreGone> {
        let (key, value) = (key.to_string(), value.to_string());
        self.ask(|reply| Command::Set { key, value, reply }).await
    }

    /// Remove `key`; returns the value it had.
    pub async fn delete(&self, key: &str) -> Result<Option<String>, StoreGone> {
        let key = key.to_string();
        self.ask(|reply| Command::Delete { key, reply }).await
    }
}
// ANCHOR_END: store

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
    async fn a_dropped_oneshot_sender_is_an_error_not_a_hang() {
        let (reply, answer) = oneshot::channel::<u32>();
        drop(reply);
        assert!(
            answer.await.is_err(),
            "the receiver learns that no answer will come"
        );
    }
}
