//! Chapter 4, exercise solved: cancel a task at a deadline.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-abort-without-waiting",
    path = "../wrong/abort_without_waiting.rs"
)]
#[cfg_attr(
    feature = "wrong-every-error-is-a-cancel",
    path = "../wrong/every_error_is_a_cancel.rs"
)]
#[cfg_attr(
    feature = "wrong-handle-given-to-timeout",
    path = "../wrong/handle_given_to_timeout.rs"
)]
#[cfg_attr(
    feature = "wrong-cancelled-once-the-deadline-passed",
    path = "../wrong/cancelled_once_the_deadline_passed.rs"
)]
pub mod deadline;

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/deadline/src/tests.rs"]
mod tests;
