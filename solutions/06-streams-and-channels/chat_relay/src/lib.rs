//! Chapter 6, exercise solved: a chat relay that no member can stall.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod chat_relay;
#[cfg(feature = "wrong-counts-the-departed")]
known_wrong::patched!(pub mod chat_relay, "wrong/counts_the_departed.patch");
#[cfg(feature = "wrong-keeps-vanished")]
known_wrong::patched!(pub mod chat_relay, "wrong/keeps_vanished.patch");
#[cfg(feature = "wrong-kicks-slow")]
known_wrong::patched!(pub mod chat_relay, "wrong/kicks_slow.patch");
#[cfg(feature = "wrong-task-per-send")]
known_wrong::patched!(pub mod chat_relay, "wrong/task_per_send.patch");
#[cfg(feature = "wrong-waits-for-slowest")]
known_wrong::patched!(pub mod chat_relay, "wrong/waits_for_slowest.patch");

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/chat_relay/src/tests.rs"]
mod tests;
