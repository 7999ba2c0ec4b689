//! Chapter 5, exercise 7 of 7: Make your runtime multi-threaded.
//!
//! Your code goes in `multi_thread.rs`: a work-stealing scheduler. Replace each
//! `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check multi_thread`. Hints: `cargo course hint multi_thread`.
//!
//! Given, solved and ready to read: `driver.rs` (step 5's reactor and step 4's
//! timers, for many threads), `net.rs` (the sockets on it), `parker.rs` (how a worker
//! sleeps, counted for the tests) and `join_handle.rs` (step 3's handle). Steps 1
//! and 2 are their own solutions (`solutions/05-event-loop/<step>/src/`), compiled
//! into this crate by `#[path]`: `Runtime::block_on` is step 1's `block_on`, and
//! step 2's single-thread loop is the one you now spread over many threads.

#[path = "../../../../solutions/05-event-loop/block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../../../solutions/05-event-loop/spawn/src/spawn.rs"]
pub mod spawn;
pub mod driver;
pub mod join_handle;
pub mod net;
pub mod parker;
pub mod multi_thread;

// What the benchmark uses to run your runtime beside the chapter's.
pub use driver::sleep;
pub use join_handle::JoinHandle;
pub use multi_thread::{Runtime, spawn};
pub use net::{TcpListener, TcpStream};
pub use spawn::yield_now;

#[cfg(test)]
mod tests;
