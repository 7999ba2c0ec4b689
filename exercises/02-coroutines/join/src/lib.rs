//! Chapter 2, exercise: join written by hand.
//!
//! Your code goes in `join.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check join`.
//! Hints, one at a time: `cargo course hint join`.

pub mod join;

#[cfg(test)]
mod tests;
