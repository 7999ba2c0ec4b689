//! Chapter 2, exercise: an async fn desugared by hand.
//!
//! Your code goes in `two_steps.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check two_steps`.
//! Hints, one at a time: `cargo course hint two_steps`.

pub mod two_steps;

#[cfg(test)]
mod tests;
