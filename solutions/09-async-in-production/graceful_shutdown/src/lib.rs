//! Chapter 9, exercise solved: graceful_shutdown. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-abort-in-flight",
    path = "../wrong/abort_in_flight.rs"
)]
#[cfg_attr(feature = "wrong-drop-queued", path = "../wrong/drop_queued.rs")]
#[cfg_attr(feature = "wrong-no-grace-limit", path = "../wrong/no_grace_limit.rs")]
#[cfg_attr(
    feature = "wrong-drain-without-close",
    path = "../wrong/drain_without_close.rs"
)]
#[cfg_attr(
    feature = "wrong-try-recv-then-close",
    path = "../wrong/try_recv_then_close.rs"
)]
#[cfg_attr(
    feature = "wrong-close-then-try-recv",
    path = "../wrong/close_then_try_recv.rs"
)]
pub mod graceful_shutdown;

// The given code is the exercise's own file too.
#[path = "../../../../exercises/09-async-in-production/graceful_shutdown/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/graceful_shutdown/src/tests.rs"]
mod tests;
