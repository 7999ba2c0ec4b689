//! Chapter 3, exercise: the first success wins.
//!
//! Your code goes in `first_ok.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check first_ok`.
//! Hints, one at a time: `cargo course hint first_ok`. `example.rs` shows the one
//! construct the exercise needs that the chapter has not shown, on its own.

pub mod first_ok;
pub mod example;

#[cfg(test)]
mod tests;
