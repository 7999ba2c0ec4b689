//! Chapter 4, exercise solved: cancel a task at a deadline.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod deadline;
#[cfg(feature = "wrong-abort-without-waiting")]
known_wrong::patched!(pub mod deadline, "wrong/abort_without_waiting.patch");
#[cfg(feature = "wrong-cancelled-once-the-deadline-passed")]
known_wrong::patched!(pub mod deadline, "wrong/cancelled_once_the_deadline_passed.patch");
#[cfg(feature = "wrong-every-error-is-a-cancel")]
known_wrong::patched!(pub mod deadline, "wrong/every_error_is_a_cancel.patch");
#[cfg(feature = "wrong-handle-given-to-timeout")]
known_wrong::patched!(pub mod deadline, "wrong/handle_given_to_timeout.patch");

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/deadline/src/tests.rs"]
mod tests;
