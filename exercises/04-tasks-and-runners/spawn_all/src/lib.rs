//! Chapter 4, exercise: start every job as a task.
//!
//! Your code goes in `spawn_all.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check spawn_all`.
//! Hints, one at a time: `cargo course hint spawn_all`.

pub mod spawn_all;

#[cfg(test)]
mod tests;
