//! Chapter 3, exercise: a future woken by someone else.
//!
//! Your code goes in `latch.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check latch`.
//! Hints, one at a time: `cargo course hint latch`.

pub mod given;
pub mod latch;

#[cfg(test)]
mod tests;
