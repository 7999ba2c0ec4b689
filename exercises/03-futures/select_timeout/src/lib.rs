//! Chapter 3, exercise: timeout from select! and sleep.
//!
//! Your code goes in `select_timeout.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check select_timeout`.
//! Hints, one at a time: `cargo course hint select_timeout`. `example.rs` shows the one
//! construct the exercise needs that the chapter has not shown, on its own.

pub mod select_timeout;
pub mod example;

#[cfg(test)]
mod tests;
