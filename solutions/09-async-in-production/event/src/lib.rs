//! Chapter 9, exercise solved: event. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod event;
#[cfg(feature = "wrong-check-then-listen")]
known_wrong::patched!(pub mod event, "wrong/check_then_listen.patch");
#[cfg(feature = "wrong-no-flag")]
known_wrong::patched!(pub mod event, "wrong/no_flag.patch");
#[cfg(feature = "wrong-notify-one")]
known_wrong::patched!(pub mod event, "wrong/notify_one.patch");
#[cfg(feature = "wrong-recheck-loop")]
known_wrong::patched!(pub mod event, "wrong/recheck_loop.patch");

// The given code is the exercise's own file too.
#[path = "../../../../exercises/09-async-in-production/event/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/event/src/tests.rs"]
mod tests;
