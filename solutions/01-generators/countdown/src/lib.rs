//! Chapter 1, exercise solved: a generator with a loop, as a state machine.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod countdown;
#[cfg(feature = "wrong-eager-first-step")]
known_wrong::patched!(pub mod countdown, "wrong/eager_first_step.patch");
#[cfg(feature = "wrong-starts-over")]
known_wrong::patched!(pub mod countdown, "wrong/starts_over.patch");
#[cfg(feature = "wrong-yields-zero")]
known_wrong::patched!(pub mod countdown, "wrong/yields_zero.patch");

#[cfg(test)]
#[path = "../../../../exercises/01-generators/countdown/src/tests.rs"]
mod tests;
