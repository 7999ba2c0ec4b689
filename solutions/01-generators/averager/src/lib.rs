//! Chapter 1, exercise solved: a generator you send values into.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod averager;
#[cfg(feature = "wrong-counts-the-priming-value")]
known_wrong::patched!(pub mod averager, "wrong/counts_the_priming_value.patch");
#[cfg(feature = "wrong-none-stops-at-once")]
known_wrong::patched!(pub mod averager, "wrong/none_stops_at_once.patch");
#[cfg(feature = "wrong-starts-again")]
known_wrong::patched!(pub mod averager, "wrong/starts_again.patch");

#[cfg(test)]
#[path = "../../../../exercises/01-generators/averager/src/tests.rs"]
mod tests;
