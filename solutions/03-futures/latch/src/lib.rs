//! Chapter 3, exercise solved: a future woken by someone else.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod latch;
#[cfg(feature = "wrong-checks-and-stores-under-two-locks")]
known_wrong::patched!(pub mod latch, "wrong/checks_and_stores_under_two_locks.patch");
#[cfg(feature = "wrong-counts-under-two-locks")]
known_wrong::patched!(pub mod latch, "wrong/counts_under_two_locks.patch");
#[cfg(feature = "wrong-keeps-first-waker")]
known_wrong::patched!(pub mod latch, "wrong/keeps_first_waker.patch");
#[cfg(feature = "wrong-never-stores-the-waker")]
known_wrong::patched!(pub mod latch, "wrong/never_stores_the_waker.patch");
#[cfg(feature = "wrong-wakes-itself")]
known_wrong::patched!(pub mod latch, "wrong/wakes_itself.patch");
#[cfg(feature = "wrong-wakes-on-every-count")]
known_wrong::patched!(pub mod latch, "wrong/wakes_on_every_count.patch");

// The given code is the exercise's own file too.
#[path = "../../../../exercises/03-futures/latch/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/03-futures/latch/src/tests.rs"]
mod tests;
