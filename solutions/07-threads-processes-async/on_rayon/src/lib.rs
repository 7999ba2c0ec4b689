//! Chapter 7, exercise solved: await a CPU job on rayon without blocking the runtime.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod on_rayon;
#[cfg(feature = "wrong-blocking-wait")]
known_wrong::patched!(pub mod on_rayon, "wrong/blocking_wait.patch");
#[cfg(feature = "wrong-inline")]
known_wrong::patched!(pub mod on_rayon, "wrong/inline.patch");
#[cfg(feature = "wrong-panic-not-caught")]
known_wrong::patched!(pub mod on_rayon, "wrong/panic_not_caught.patch");

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/on_rayon/src/tests.rs"]
mod tests;
