//! Chapter 2, exercise solved: join written by hand.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod join;
#[cfg(feature = "wrong-one-after-the-other")]
known_wrong::patched!(pub mod join, "wrong/one_after_the_other.patch");
#[cfg(feature = "wrong-polls-finished-again")]
known_wrong::patched!(pub mod join, "wrong/polls_finished_again.patch");
#[cfg(feature = "wrong-wakes-itself")]
known_wrong::patched!(pub mod join, "wrong/wakes_itself.patch");

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/join/src/tests.rs"]
mod tests;
