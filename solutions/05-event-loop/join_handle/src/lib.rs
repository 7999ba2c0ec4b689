//! Chapter 5, exercise 3 solved: JoinHandle: a future for a task's output.
//!
//! The tests are not copied: the module below is the exercise's own test file,
//! and the steps before this one are their own solutions, included by `#[path]`.

#[path = "../../block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../spawn/src/spawn.rs"]
pub mod spawn;

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-first-waker", path = "../wrong/first_waker.rs")]
#[cfg_attr(feature = "wrong-no-waker", path = "../wrong/no_waker.rs")]
#[cfg_attr(feature = "wrong-spin", path = "../wrong/spin.rs")]
pub mod join_handle;

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/join_handle/src/tests.rs"]
mod tests;
