//! Chapter 6, exercise solved: reconnect.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-no-backoff", path = "../wrong/no_backoff.rs")]
#[cfg_attr(feature = "wrong-fixed-delay", path = "../wrong/fixed_delay.rs")]
#[cfg_attr(
    feature = "wrong-retries-for-ever",
    path = "../wrong/retries_for_ever.rs"
)]
#[cfg_attr(
    feature = "wrong-new-connection-each-time",
    path = "../wrong/new_connection_each_time.rs"
)]
pub mod reconnect;

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/reconnect/src/tests.rs"]
mod tests;
