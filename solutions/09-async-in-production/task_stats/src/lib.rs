//! Chapter 9, exercise solved: task_stats. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-wakes-from-polls",
    path = "../wrong/wakes_from_polls.rs"
)]
#[cfg_attr(feature = "wrong-first-waker", path = "../wrong/first_waker.rs")]
#[cfg_attr(
    feature = "wrong-busy-since-creation",
    path = "../wrong/busy_since_creation.rs"
)]
#[cfg_attr(
    feature = "wrong-lock-across-poll",
    path = "../wrong/lock_across_poll.rs"
)]
pub mod task_stats;

// The given code is the exercise's own file too.
#[path = "../../../../exercises/09-async-in-production/task_stats/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/task_stats/src/tests.rs"]
mod tests;
