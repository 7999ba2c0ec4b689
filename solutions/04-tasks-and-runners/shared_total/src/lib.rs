//! Chapter 4, exercise solved: many tasks, one total.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-await-between-read-and-write",
    path = "../wrong/await_between_read_and_write.rs"
)]
#[cfg_attr(feature = "wrong-does-not-wait", path = "../wrong/does_not_wait.rs")]
#[cfg_attr(
    feature = "wrong-load-then-store",
    path = "../wrong/load_then_store.rs"
)]
#[cfg_attr(
    feature = "wrong-copies-the-total",
    path = "../wrong/copies_the_total.rs"
)]
pub mod shared_total;

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/shared_total/src/tests.rs"]
mod tests;
