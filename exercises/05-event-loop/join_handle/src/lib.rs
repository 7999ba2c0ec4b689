//! Chapter 5, exercise 3 of 7: JoinHandle: a future for a task's output.
//!
//! Your code goes in `join_handle.rs`: write `spawn` that hands back a `JoinHandle`.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check join_handle`. Hints: `cargo course hint join_handle`.
//!
//! The other modules are the steps before this one, solved: they are the solution
//! files of those steps (`solutions/05-event-loop/<step>/src/`), compiled into this
//! crate by `#[path]`, so this step stands alone even while an earlier one of yours
//! does not compile. Read them, use them; your work is in the file above.

#[path = "../../../../solutions/05-event-loop/block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../../../solutions/05-event-loop/spawn/src/spawn.rs"]
pub mod spawn;
pub mod join_handle;

#[cfg(test)]
mod tests;
