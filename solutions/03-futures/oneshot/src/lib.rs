//! Chapter 3, exercise solved: a oneshot channel from another thread.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-canceled-checked-first",
    path = "../wrong/canceled_checked_first.rs"
)]
#[cfg_attr(
    feature = "wrong-drop-does-not-wake",
    path = "../wrong/drop_does_not_wake.rs"
)]
#[cfg_attr(
    feature = "wrong-keeps-first-waker",
    path = "../wrong/keeps_first_waker.rs"
)]
#[cfg_attr(
    feature = "wrong-checks-and-stores-under-two-locks",
    path = "../wrong/checks_and_stores_under_two_locks.rs"
)]
pub mod oneshot;

// The given code is the exercise's own file too.
#[path = "../../../../exercises/03-futures/oneshot/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/03-futures/oneshot/src/tests.rs"]
mod tests;
