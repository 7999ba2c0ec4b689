//! Chapter 5, exercise 2 of 6: A ready queue and spawn.
//!
//! Your code goes in `spawn.rs`: write the tasks, their wakers and the loop that runs them.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check spawn`. Hints: `cargo course hint spawn`.
//!
//! The other modules are the steps before this one, solved: read them,
//! use them, but your work is in the file above.

pub mod block_on;
pub mod spawn;

#[cfg(test)]
mod tests;
