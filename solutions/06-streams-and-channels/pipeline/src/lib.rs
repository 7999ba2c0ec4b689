//! Chapter 6, exercise solved: pipeline.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod pipeline;
#[cfg(feature = "wrong-blocking-sleep")]
known_wrong::patched!(pub mod pipeline, "wrong/blocking_sleep.patch");
#[cfg(feature = "wrong-ignores-closed")]
known_wrong::patched!(pub mod pipeline, "wrong/ignores_closed.patch");
#[cfg(feature = "wrong-kept-sender")]
known_wrong::patched!(pub mod pipeline, "wrong/kept_sender.patch");
#[cfg(feature = "wrong-unbounded")]
known_wrong::patched!(pub mod pipeline, "wrong/unbounded.patch");
#[cfg(feature = "wrong-wrapping-square")]
known_wrong::patched!(pub mod pipeline, "wrong/wrapping_square.patch");
#[cfg(feature = "wrong-error-not-returned")]
known_wrong::patched!(pub mod pipeline, "wrong/error_not_returned.patch");
#[cfg(feature = "wrong-skips-the-bad-value")]
known_wrong::patched!(pub mod pipeline, "wrong/skips_the_bad_value.patch");

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/pipeline/src/tests.rs"]
mod tests;
