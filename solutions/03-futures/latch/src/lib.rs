//! Chapter 3, exercise solved: a future woken by someone else.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-keeps-first-waker",
    path = "../wrong/keeps_first_waker.rs"
)]
#[cfg_attr(
    feature = "wrong-never-stores-the-waker",
    path = "../wrong/never_stores_the_waker.rs"
)]
#[cfg_attr(feature = "wrong-wakes-itself", path = "../wrong/wakes_itself.rs")]
#[cfg_attr(
    feature = "wrong-wakes-on-every-count",
    path = "../wrong/wakes_on_every_count.rs"
)]
#[cfg_attr(
    feature = "wrong-checks-and-stores-under-two-locks",
    path = "../wrong/checks_and_stores_under_two_locks.rs"
)]
#[cfg_attr(
    feature = "wrong-counts-under-two-locks",
    path = "../wrong/counts_under_two_locks.rs"
)]
pub mod latch;

// The given code is the exercise's own file too.
#[path = "../../../../exercises/03-futures/latch/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/03-futures/latch/src/tests.rs"]
mod tests;
