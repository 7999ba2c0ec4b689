//! Chapter 1, exercise: a generator from successors.
//!
//! Your code goes in `collatz.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check collatz`.
//! Hints, one at a time: `cargo course hint collatz`.

pub mod collatz;

#[cfg(test)]
mod tests;
