//! Chapter 1, exercise solved: a generator with a loop, as a state machine.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-eager-first-step",
    path = "../wrong/eager_first_step.rs"
)]
#[cfg_attr(feature = "wrong-starts-over", path = "../wrong/starts_over.rs")]
#[cfg_attr(feature = "wrong-yields-zero", path = "../wrong/yields_zero.rs")]
pub mod countdown;

#[cfg(test)]
#[path = "../../../../exercises/01-generators/countdown/src/tests.rs"]
mod tests;
