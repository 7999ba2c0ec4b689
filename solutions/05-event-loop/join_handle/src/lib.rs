//! Chapter 5, exercise 3 solved: JoinHandle: a future for a task's output.
//!
//! The tests are not copied: the module below is the exercise's own test file,
//! and the steps before this one are their own solutions, included by `#[path]`.

#[path = "../../block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../spawn/src/spawn.rs"]
pub mod spawn;

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod join_handle;
#[cfg(feature = "wrong-first-waker")]
known_wrong::patched!(pub mod join_handle, "wrong/first_waker.patch");
#[cfg(feature = "wrong-no-waker")]
known_wrong::patched!(pub mod join_handle, "wrong/no_waker.patch");
#[cfg(feature = "wrong-spin")]
known_wrong::patched!(pub mod join_handle, "wrong/spin.patch");

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/join_handle/src/tests.rs"]
mod tests;
