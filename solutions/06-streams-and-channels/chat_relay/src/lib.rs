//! Chapter 6, exercise solved: a chat relay that no member can stall.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-waits-for-slowest",
    path = "../wrong/waits_for_slowest.rs"
)]
#[cfg_attr(feature = "wrong-keeps-vanished", path = "../wrong/keeps_vanished.rs")]
#[cfg_attr(feature = "wrong-kicks-slow", path = "../wrong/kicks_slow.rs")]
#[cfg_attr(feature = "wrong-task-per-send", path = "../wrong/task_per_send.rs")]
#[cfg_attr(
    feature = "wrong-counts-the-departed",
    path = "../wrong/counts_the_departed.rs"
)]
pub mod chat_relay;

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/chat_relay/src/tests.rs"]
mod tests;
