//! Chapter 5, exercise 1 solved: block_on: a future, a thread and a waker.
//!
//! The tests are not copied: the module below is the exercise's own test file,
//! and the steps before this one are their own solutions, included by `#[path]`.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-clear-after-poll",
    path = "../wrong/clear_after_poll.rs"
)]
#[cfg_attr(feature = "wrong-nap", path = "../wrong/nap.rs")]
#[cfg_attr(feature = "wrong-noop-waker", path = "../wrong/noop_waker.rs")]
#[cfg_attr(feature = "wrong-park-first", path = "../wrong/park_first.rs")]
#[cfg_attr(feature = "wrong-spin", path = "../wrong/spin.rs")]
#[cfg_attr(
    feature = "wrong-unpark-is-a-wake",
    path = "../wrong/unpark_is_a_wake.rs"
)]
pub mod block_on;

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/block_on/src/tests.rs"]
mod tests;
