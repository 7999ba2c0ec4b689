//! Chapter 2, exercise solved: a future that wraps another.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-counts-only-pending",
    path = "../wrong/counts_only_pending.rs"
)]
#[cfg_attr(feature = "wrong-own-waker", path = "../wrong/own_waker.rs")]
#[cfg_attr(feature = "wrong-wakes-itself", path = "../wrong/wakes_itself.rs")]
pub mod poll_counter;

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/poll_counter/src/tests.rs"]
mod tests;
