//! Chapter 5, exercise 5 of 6: A reactor on mio and an async TcpStream.
//!
//! Your code goes in `reactor.rs`: write the reactor's wait, `poll_io`, async `read` and `write`.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check reactor`. Hints: `cargo course hint reactor`.
//!
//! The other modules are the steps before this one, solved: read them,
//! use them, but your work is in the file above.

pub mod block_on;
pub mod spawn;
pub mod join_handle;
pub mod timers;
pub mod reactor;

#[cfg(test)]
mod tests;
