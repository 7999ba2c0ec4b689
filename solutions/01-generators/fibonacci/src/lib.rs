//! Chapter 1, exercise solved: Fibonacci as an Iterator.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod fibonacci;
#[cfg(feature = "wrong-ends-at-the-failed-sum")]
known_wrong::patched!(pub mod fibonacci, "wrong/ends_at_the_failed_sum.patch");
#[cfg(feature = "wrong-overflows")]
known_wrong::patched!(pub mod fibonacci, "wrong/overflows.patch");
#[cfg(feature = "wrong-precomputed-table")]
known_wrong::patched!(pub mod fibonacci, "wrong/precomputed_table.patch");
#[cfg(feature = "wrong-starts-again")]
known_wrong::patched!(pub mod fibonacci, "wrong/starts_again.patch");
#[cfg(feature = "wrong-stops-one-early")]
known_wrong::patched!(pub mod fibonacci, "wrong/stops_one_early.patch");

#[cfg(test)]
#[path = "../../../../exercises/01-generators/fibonacci/src/tests.rs"]
mod tests;
