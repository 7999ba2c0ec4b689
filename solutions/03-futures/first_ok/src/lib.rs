//! Chapter 3, exercise solved: the first success wins.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-errors-as-they-come",
    path = "../wrong/errors_as_they_come.rs"
)]
#[cfg_attr(
    feature = "wrong-first-to-finish",
    path = "../wrong/first_to_finish.rs"
)]
#[cfg_attr(feature = "wrong-waits-for-all", path = "../wrong/waits_for_all.rs")]
pub mod first_ok;

#[cfg(test)]
#[path = "../../../../exercises/03-futures/first_ok/src/tests.rs"]
mod tests;
