//! Chapter 9, exercise solved: task_stats. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod task_stats;
#[cfg(feature = "wrong-busy-since-creation")]
known_wrong::patched!(pub mod task_stats, "wrong/busy_since_creation.patch");
#[cfg(feature = "wrong-first-waker")]
known_wrong::patched!(pub mod task_stats, "wrong/first_waker.patch");
#[cfg(feature = "wrong-lock-across-poll")]
known_wrong::patched!(pub mod task_stats, "wrong/lock_across_poll.patch");
#[cfg(feature = "wrong-wakes-from-polls")]
known_wrong::patched!(pub mod task_stats, "wrong/wakes_from_polls.patch");

// The given code is the exercise's own file too.
#[path = "../../../../exercises/09-async-in-production/task_stats/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/task_stats/src/tests.rs"]
mod tests;
