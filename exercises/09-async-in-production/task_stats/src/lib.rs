//! Chapter 9, exercise: task_stats (tokio-console's figures, by hand).
//!
//! Your code goes in `task_stats.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check task_stats`.
//! Hints: `cargo course hint task_stats`.

pub mod task_stats;
pub mod given;

#[cfg(test)]
mod tests;
