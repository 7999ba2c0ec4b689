//! Chapter 5, exercise 3 of 6: JoinHandle: a future for a task's output.
//!
//! Your code goes in `join_handle.rs`: write `spawn` that hands back a `JoinHandle`.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check join_handle`. Hints: `cargo course hint join_handle`.
//!
//! The other modules are the steps before this one, solved: read them,
//! use them, but your work is in the file above.

pub mod block_on;
pub mod spawn;
pub mod join_handle;

#[cfg(test)]
mod tests;
