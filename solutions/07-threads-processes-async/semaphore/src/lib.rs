//! Chapter 7, exercise solved: async with semaphore: at most N at once.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-underscore-permit",
    path = "../wrong/underscore_permit.rs"
)]
#[cfg_attr(feature = "wrong-waves", path = "../wrong/waves.rs")]
pub mod semaphore;

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/semaphore/src/tests.rs"]
mod tests;
