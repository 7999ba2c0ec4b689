//! Chapter 2, exercise: a future that wraps another.
//!
//! Your code goes in `poll_counter.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check poll_counter`.
//! Hints, one at a time: `cargo course hint poll_counter`.

pub mod poll_counter;

#[cfg(test)]
mod tests;
