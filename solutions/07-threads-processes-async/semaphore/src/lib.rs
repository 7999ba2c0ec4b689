//! Chapter 7, exercise solved: async with semaphore: at most N at once.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod semaphore;
#[cfg(feature = "wrong-underscore-permit")]
known_wrong::patched!(pub mod semaphore, "wrong/underscore_permit.patch");
#[cfg(feature = "wrong-waves")]
known_wrong::patched!(pub mod semaphore, "wrong/waves.patch");
#[cfg(feature = "wrong-zero-limit-waits-for-ever")]
known_wrong::patched!(pub mod semaphore, "wrong/zero_limit_waits_for_ever.patch");

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/semaphore/src/tests.rs"]
mod tests;
