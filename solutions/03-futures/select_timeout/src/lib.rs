//! Chapter 3, exercise solved: timeout from select! and sleep.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod select_timeout;
#[cfg(feature = "wrong-awaits-then-checks")]
known_wrong::patched!(pub mod select_timeout, "wrong/awaits_then_checks.patch");
#[cfg(feature = "wrong-library-timeout")]
known_wrong::patched!(pub mod select_timeout, "wrong/library_timeout.patch");
#[cfg(feature = "wrong-unbiased")]
known_wrong::patched!(pub mod select_timeout, "wrong/unbiased.patch");

#[cfg(test)]
#[path = "../../../../exercises/03-futures/select_timeout/src/tests.rs"]
mod tests;
