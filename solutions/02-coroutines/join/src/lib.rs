//! Chapter 2, exercise solved: join written by hand.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-one-after-the-other",
    path = "../wrong/one_after_the_other.rs"
)]
#[cfg_attr(
    feature = "wrong-polls-finished-again",
    path = "../wrong/polls_finished_again.rs"
)]
#[cfg_attr(feature = "wrong-wakes-itself", path = "../wrong/wakes_itself.rs")]
pub mod join;

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/join/src/tests.rs"]
mod tests;
