//! Chapter 8, exercise solved: pinned_timeout. The tests are the exercise's own file,
//! run against this code.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-lazy-deadline", path = "../wrong/lazy_deadline.rs")]
#[cfg_attr(feature = "wrong-sleep-per-poll", path = "../wrong/sleep_per_poll.rs")]
#[cfg_attr(feature = "wrong-deadline-first", path = "../wrong/deadline_first.rs")]
pub mod pinned_timeout;

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/pinned_timeout/src/tests.rs"]
mod tests;
