//! Chapter 6, exercise solved: reconnect.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod reconnect;
#[cfg(feature = "wrong-fixed-delay")]
known_wrong::patched!(pub mod reconnect, "wrong/fixed_delay.patch");
#[cfg(feature = "wrong-new-connection-each-time")]
known_wrong::patched!(pub mod reconnect, "wrong/new_connection_each_time.patch");
#[cfg(feature = "wrong-no-backoff")]
known_wrong::patched!(pub mod reconnect, "wrong/no_backoff.patch");
#[cfg(feature = "wrong-retries-for-ever")]
known_wrong::patched!(pub mod reconnect, "wrong/retries_for_ever.patch");
#[cfg(feature = "wrong-counts-failed-connects")]
known_wrong::patched!(pub mod reconnect, "wrong/counts_failed_connects.patch");

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/reconnect/src/tests.rs"]
mod tests;
