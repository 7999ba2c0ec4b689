//! Chapter 2, exercise: breakfast in 4 seconds, not 7.
//!
//! Your code goes in `breakfast.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check breakfast`.
//! Hints, one at a time: `cargo course hint breakfast`. `example.rs` shows the one
//! construct the exercise needs, on its own.

pub mod breakfast;
pub mod example;

#[cfg(test)]
mod tests;
