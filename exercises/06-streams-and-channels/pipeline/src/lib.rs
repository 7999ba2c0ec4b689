//! Chapter 6, exercise: pipeline.
//!
//! Your code goes in `pipeline.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check pipeline`. Hints: `cargo course hint pipeline`.

pub mod pipeline;

#[cfg(test)]
mod tests;
