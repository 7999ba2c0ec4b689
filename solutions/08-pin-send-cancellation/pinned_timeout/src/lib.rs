//! Chapter 8, exercise solved: pinned_timeout. The tests are the exercise's own file,
//! run against this code.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod pinned_timeout;
#[cfg(feature = "wrong-deadline-first")]
known_wrong::patched!(pub mod pinned_timeout, "wrong/deadline_first.patch");
#[cfg(feature = "wrong-lazy-deadline")]
known_wrong::patched!(pub mod pinned_timeout, "wrong/lazy_deadline.patch");
#[cfg(feature = "wrong-sleep-per-poll")]
known_wrong::patched!(pub mod pinned_timeout, "wrong/sleep_per_poll.patch");
#[cfg(feature = "wrong-wraps-tokio-timeout")]
known_wrong::patched!(pub mod pinned_timeout, "wrong/wraps_tokio_timeout.patch");

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/pinned_timeout/src/tests.rs"]
mod tests;
