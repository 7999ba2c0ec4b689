//! Chapter 2, exercise solved: an async fn desugared by hand.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-new-sleep-each-poll",
    path = "../wrong/new_sleep_each_poll.rs"
)]
#[cfg_attr(
    feature = "wrong-pending-without-polling",
    path = "../wrong/pending_without_polling.rs"
)]
#[cfg_attr(
    feature = "wrong-sleep-made-at-call",
    path = "../wrong/sleep_made_at_call.rs"
)]
pub mod two_steps;

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/two_steps/src/tests.rs"]
mod tests;
