//! Chapter 3, exercise solved: a gather that keeps partial results.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod gather_partial;
#[cfg(feature = "wrong-one-at-a-time")]
known_wrong::patched!(pub mod gather_partial, "wrong/one_at_a_time.patch");
#[cfg(feature = "wrong-races-the-deadline-unbiased")]
known_wrong::patched!(pub mod gather_partial, "wrong/races_the_deadline_unbiased.patch");
#[cfg(feature = "wrong-waits-for-the-deadline")]
known_wrong::patched!(pub mod gather_partial, "wrong/waits_for_the_deadline.patch");

#[cfg(test)]
#[path = "../../../../exercises/03-futures/gather_partial/src/tests.rs"]
mod tests;
