//! Chapter 7, exercise solved: await a CPU job on rayon without blocking the runtime.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-inline", path = "../wrong/inline.rs")]
#[cfg_attr(feature = "wrong-blocking-wait", path = "../wrong/blocking_wait.rs")]
pub mod on_rayon;

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/on_rayon/src/tests.rs"]
mod tests;
