//! Chapter 1, exercise solved: a generator you send values into.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-counts-the-priming-value",
    path = "../wrong/counts_the_priming_value.rs"
)]
#[cfg_attr(
    feature = "wrong-none-stops-at-once",
    path = "../wrong/none_stops_at_once.rs"
)]
#[cfg_attr(feature = "wrong-starts-again", path = "../wrong/starts_again.rs")]
pub mod averager;

#[cfg(test)]
#[path = "../../../../exercises/01-generators/averager/src/tests.rs"]
mod tests;
