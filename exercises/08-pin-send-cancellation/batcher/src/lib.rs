//! Chapter 8, exercise: batcher.
//!
//! Your code goes in `batcher.rs`: replace the `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check batcher`. Hints: `cargo course hint batcher`.

pub mod batcher;

#[cfg(test)]
mod tests;
