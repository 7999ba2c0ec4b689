//! Chapter 1, exercise solved: Fibonacci as an Iterator.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-ends-at-the-failed-sum",
    path = "../wrong/ends_at_the_failed_sum.rs"
)]
#[cfg_attr(feature = "wrong-overflows", path = "../wrong/overflows.rs")]
#[cfg_attr(feature = "wrong-starts-again", path = "../wrong/starts_again.rs")]
#[cfg_attr(
    feature = "wrong-stops-one-early",
    path = "../wrong/stops_one_early.rs"
)]
pub mod fibonacci;

#[cfg(test)]
#[path = "../../../../exercises/01-generators/fibonacci/src/tests.rs"]
mod tests;
