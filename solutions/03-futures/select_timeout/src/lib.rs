//! Chapter 3, exercise solved: timeout from select! and sleep.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-awaits-then-checks",
    path = "../wrong/awaits_then_checks.rs"
)]
#[cfg_attr(feature = "wrong-unbiased", path = "../wrong/unbiased.rs")]
pub mod select_timeout;

#[cfg(test)]
#[path = "../../../../exercises/03-futures/select_timeout/src/tests.rs"]
mod tests;
