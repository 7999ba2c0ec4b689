//! Chapter 3, exercise: a gather that keeps partial results.
//!
//! Your code goes in `gather_partial.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check gather_partial`.
//! Hints, one at a time: `cargo course hint gather_partial`.

pub mod gather_partial;

#[cfg(test)]
mod tests;
