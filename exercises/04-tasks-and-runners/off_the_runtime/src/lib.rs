//! Chapter 4, exercise: move a blocking call off the runtime.
//!
//! Your code goes in `off_the_runtime.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check off_the_runtime`.
//! Hints, one at a time: `cargo course hint off_the_runtime`.

pub mod off_the_runtime;

#[cfg(test)]
mod tests;
