//! Chapter 5, exercise 1 solved: block_on: a future, a thread and a waker.
//!
//! The tests are not copied: the module below is the exercise's own test file,
//! and the steps before this one are their own solutions, included by `#[path]`.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod block_on;
#[cfg(feature = "wrong-clear-after-poll")]
known_wrong::patched!(pub mod block_on, "wrong/clear_after_poll.patch");
#[cfg(feature = "wrong-nap")]
known_wrong::patched!(pub mod block_on, "wrong/nap.patch");
#[cfg(feature = "wrong-noop-waker")]
known_wrong::patched!(pub mod block_on, "wrong/noop_waker.patch");
#[cfg(feature = "wrong-park-first")]
known_wrong::patched!(pub mod block_on, "wrong/park_first.patch");
#[cfg(feature = "wrong-spin")]
known_wrong::patched!(pub mod block_on, "wrong/spin.patch");
#[cfg(feature = "wrong-unpark-is-a-wake")]
known_wrong::patched!(pub mod block_on, "wrong/unpark_is_a_wake.patch");

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/block_on/src/tests.rs"]
mod tests;
