//! Chapter 3, exercise solved: a oneshot channel from another thread.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod oneshot;
#[cfg(feature = "wrong-canceled-checked-first")]
known_wrong::patched!(pub mod oneshot, "wrong/canceled_checked_first.patch");
#[cfg(feature = "wrong-checks-and-stores-under-two-locks")]
known_wrong::patched!(pub mod oneshot, "wrong/checks_and_stores_under_two_locks.patch");
#[cfg(feature = "wrong-drop-does-not-wake")]
known_wrong::patched!(pub mod oneshot, "wrong/drop_does_not_wake.patch");
#[cfg(feature = "wrong-keeps-first-waker")]
known_wrong::patched!(pub mod oneshot, "wrong/keeps_first_waker.patch");
#[cfg(feature = "wrong-wraps-futures-oneshot")]
known_wrong::patched!(pub mod oneshot, "wrong/wraps_futures_oneshot.patch");

// The given code is the exercise's own file too.
#[path = "../../../../exercises/03-futures/oneshot/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/03-futures/oneshot/src/tests.rs"]
mod tests;
