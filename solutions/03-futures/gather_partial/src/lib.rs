//! Chapter 3, exercise solved: a gather that keeps partial results.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-one-at-a-time", path = "../wrong/one_at_a_time.rs")]
#[cfg_attr(
    feature = "wrong-waits-for-the-deadline",
    path = "../wrong/waits_for_the_deadline.rs"
)]
#[cfg_attr(
    feature = "wrong-races-the-deadline-unbiased",
    path = "../wrong/races_the_deadline_unbiased.rs"
)]
pub mod gather_partial;

#[cfg(test)]
#[path = "../../../../exercises/03-futures/gather_partial/src/tests.rs"]
mod tests;
