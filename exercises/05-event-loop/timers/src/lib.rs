//! Chapter 5, exercise 4 of 7: Timers: sleep, and a loop that sleeps until the next deadline.
//!
//! Your code goes in `timers.rs`: write the timer driver and `sleep`.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check timers`. Hints: `cargo course hint timers`.
//!
//! The other modules are the steps before this one, solved: they are the solution
//! files of those steps (`solutions/05-event-loop/<step>/src/`), compiled into this
//! crate by `#[path]`, so this step stands alone even while an earlier one of yours
//! does not compile. Read them, use them; your work is in the file above.

#[path = "../../../../solutions/05-event-loop/block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../../../solutions/05-event-loop/spawn/src/spawn.rs"]
pub mod spawn;
#[path = "../../../../solutions/05-event-loop/join_handle/src/join_handle.rs"]
pub mod join_handle;
pub mod timers;

#[cfg(test)]
mod tests;
