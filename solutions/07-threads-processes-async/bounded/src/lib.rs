//! Chapter 7, exercise solved: a stream of downloads, at most N in flight.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-all-at-once", path = "../wrong/all_at_once.rs")]
#[cfg_attr(feature = "wrong-waves", path = "../wrong/waves.rs")]
#[cfg_attr(
    feature = "wrong-completion-order",
    path = "../wrong/completion_order.rs"
)]
pub mod bounded;

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/bounded/src/tests.rs"]
mod tests;
