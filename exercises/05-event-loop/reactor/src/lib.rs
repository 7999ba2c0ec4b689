//! Chapter 5, exercise 5 of 7: A reactor on mio and an async TcpStream.
//!
//! Your code goes in `reactor.rs`: write the reactor's wait, `poll_io`, async `read` and `write`.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check reactor`. Hints: `cargo course hint reactor`.
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
#[path = "../../../../solutions/05-event-loop/timers/src/timers.rs"]
pub mod timers;
pub mod reactor;

#[cfg(test)]
mod tests;
