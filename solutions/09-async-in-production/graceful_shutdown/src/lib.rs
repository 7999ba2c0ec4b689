//! Chapter 9, exercise solved: graceful_shutdown. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod graceful_shutdown;
#[cfg(feature = "wrong-abort-in-flight")]
known_wrong::patched!(pub mod graceful_shutdown, "wrong/abort_in_flight.patch");
#[cfg(feature = "wrong-close-then-try-recv")]
known_wrong::patched!(pub mod graceful_shutdown, "wrong/close_then_try_recv.patch");
#[cfg(feature = "wrong-drain-without-close")]
known_wrong::patched!(pub mod graceful_shutdown, "wrong/drain_without_close.patch");
#[cfg(feature = "wrong-drop-queued")]
known_wrong::patched!(pub mod graceful_shutdown, "wrong/drop_queued.patch");
#[cfg(feature = "wrong-no-grace-limit")]
known_wrong::patched!(pub mod graceful_shutdown, "wrong/no_grace_limit.patch");
#[cfg(feature = "wrong-try-recv-then-close")]
known_wrong::patched!(pub mod graceful_shutdown, "wrong/try_recv_then_close.patch");

// The given code is the exercise's own file too.
#[path = "../../../../exercises/09-async-in-production/graceful_shutdown/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/graceful_shutdown/src/tests.rs"]
mod tests;
