//! Chapter 9, exercise solved: event. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-no-flag", path = "../wrong/no_flag.rs")]
#[cfg_attr(feature = "wrong-notify-one", path = "../wrong/notify_one.rs")]
#[cfg_attr(feature = "wrong-recheck-loop", path = "../wrong/recheck_loop.rs")]
#[cfg_attr(
    feature = "wrong-check-then-listen",
    path = "../wrong/check_then_listen.rs"
)]
pub mod event;

// The given code is the exercise's own file too.
#[path = "../../../../exercises/09-async-in-production/event/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/event/src/tests.rs"]
mod tests;
