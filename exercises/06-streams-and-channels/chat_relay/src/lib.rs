//! Chapter 6, exercise: a chat relay that no member can stall.
//!
//! Your code goes in `chat_relay.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check chat_relay`. Hints: `cargo course hint chat_relay`.

pub mod chat_relay;

#[cfg(test)]
mod tests;
