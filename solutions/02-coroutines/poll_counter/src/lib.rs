//! Chapter 2, exercise solved: a future that wraps another.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod poll_counter;
#[cfg(feature = "wrong-counts-only-pending")]
known_wrong::patched!(pub mod poll_counter, "wrong/counts_only_pending.patch");
#[cfg(feature = "wrong-own-waker")]
known_wrong::patched!(pub mod poll_counter, "wrong/own_waker.patch");
#[cfg(feature = "wrong-wakes-itself")]
known_wrong::patched!(pub mod poll_counter, "wrong/wakes_itself.patch");

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/poll_counter/src/tests.rs"]
mod tests;
