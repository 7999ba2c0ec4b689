//! Chapter 6, exercise solved: pipeline.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-unbounded", path = "../wrong/unbounded.rs")]
#[cfg_attr(feature = "wrong-kept-sender", path = "../wrong/kept_sender.rs")]
#[cfg_attr(feature = "wrong-ignores-closed", path = "../wrong/ignores_closed.rs")]
#[cfg_attr(feature = "wrong-blocking-sleep", path = "../wrong/blocking_sleep.rs")]
pub mod pipeline;

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/pipeline/src/tests.rs"]
mod tests;
