//! Chapter 5, exercise 4 of 6: Timers: sleep, and a loop that sleeps until the next deadline.
//!
//! Your code goes in `timers.rs`: write the timer driver and `sleep`.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check timers`. Hints: `cargo course hint timers`.
//!
//! The other modules are the steps before this one, solved: read them,
//! use them, but your work is in the file above.

pub mod block_on;
pub mod spawn;
pub mod join_handle;
pub mod timers;

#[cfg(test)]
mod tests;
