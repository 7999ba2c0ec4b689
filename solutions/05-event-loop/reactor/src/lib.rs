//! Chapter 5, exercise 5 solved: A reactor on mio and an async TcpStream.
//!
//! The tests are not copied: the module below is the exercise's own test file,
//! and the steps before this one are their own solutions, included by `#[path]`.

#[path = "../../block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../spawn/src/spawn.rs"]
pub mod spawn;
#[path = "../../join_handle/src/join_handle.rs"]
pub mod join_handle;
#[path = "../../timers/src/timers.rs"]
pub mod timers;

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod reactor;
#[cfg(feature = "wrong-first-waker")]
known_wrong::patched!(pub mod reactor, "wrong/first_waker.patch");
#[cfg(feature = "wrong-no-waker")]
known_wrong::patched!(pub mod reactor, "wrong/no_waker.patch");
#[cfg(feature = "wrong-reader-only")]
known_wrong::patched!(pub mod reactor, "wrong/reader_only.patch");
#[cfg(feature = "wrong-spin")]
known_wrong::patched!(pub mod reactor, "wrong/spin.patch");
#[cfg(feature = "wrong-would-block-is-error")]
known_wrong::patched!(pub mod reactor, "wrong/would_block_is_error.patch");

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/reactor/src/tests.rs"]
mod tests;
