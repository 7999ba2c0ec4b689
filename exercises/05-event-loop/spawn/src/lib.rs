//! Chapter 5, exercise 2 of 7: A ready queue and spawn.
//!
//! Your code goes in `spawn.rs`: write the tasks, their wakers and the loop that runs them.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check spawn`. Hints: `cargo course hint spawn`.
//!
//! The other modules are the steps before this one, solved: they are the solution
//! files of those steps (`solutions/05-event-loop/<step>/src/`), compiled into this
//! crate by `#[path]`, so this step stands alone even while an earlier one of yours
//! does not compile. Read them, use them; your work is in the file above.

#[path = "../../../../solutions/05-event-loop/block_on/src/block_on.rs"]
pub mod block_on;
pub mod spawn;

#[cfg(test)]
mod tests;
