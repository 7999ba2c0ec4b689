//! Chapter 4, exercise solved: start every job as a task.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod spawn_all;
#[cfg(feature = "wrong-awaits-in-turn")]
known_wrong::patched!(pub mod spawn_all, "wrong/awaits_in_turn.patch");
#[cfg(feature = "wrong-joined-not-spawned")]
known_wrong::patched!(pub mod spawn_all, "wrong/joined_not_spawned.patch");
#[cfg(feature = "wrong-spawns-and-awaits-at-once")]
known_wrong::patched!(pub mod spawn_all, "wrong/spawns_and_awaits_at_once.patch");

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/spawn_all/src/tests.rs"]
mod tests;
