//! Chapter 4, exercise solved: start every job as a task.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-awaits-in-turn", path = "../wrong/awaits_in_turn.rs")]
#[cfg_attr(
    feature = "wrong-joined-not-spawned",
    path = "../wrong/joined_not_spawned.rs"
)]
#[cfg_attr(
    feature = "wrong-spawns-and-awaits-at-once",
    path = "../wrong/spawns_and_awaits_at_once.rs"
)]
pub mod spawn_all;

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/spawn_all/src/tests.rs"]
mod tests;
