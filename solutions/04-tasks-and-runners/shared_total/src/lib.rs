//! Chapter 4, exercise solved: many tasks, one total.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod shared_total;
#[cfg(feature = "wrong-await-between-read-and-write")]
known_wrong::patched!(pub mod shared_total, "wrong/await_between_read_and_write.patch");
#[cfg(feature = "wrong-copies-the-total")]
known_wrong::patched!(pub mod shared_total, "wrong/copies_the_total.patch");
#[cfg(feature = "wrong-does-not-wait")]
known_wrong::patched!(pub mod shared_total, "wrong/does_not_wait.patch");
#[cfg(feature = "wrong-load-then-store")]
known_wrong::patched!(pub mod shared_total, "wrong/load_then_store.patch");
#[cfg(feature = "wrong-workers-times-adds")]
known_wrong::patched!(pub mod shared_total, "wrong/workers_times_adds.patch");

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/shared_total/src/tests.rs"]
mod tests;
