//! Chapter 1, exercise solved: a generator from successors.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod collatz;
#[cfg(feature = "wrong-never-stops")]
known_wrong::patched!(pub mod collatz, "wrong/never_stops.patch");
#[cfg(feature = "wrong-overflows")]
known_wrong::patched!(pub mod collatz, "wrong/overflows.patch");
#[cfg(feature = "wrong-stops-before-one")]
known_wrong::patched!(pub mod collatz, "wrong/stops_before_one.patch");

#[cfg(test)]
#[path = "../../../../exercises/01-generators/collatz/src/tests.rs"]
mod tests;
