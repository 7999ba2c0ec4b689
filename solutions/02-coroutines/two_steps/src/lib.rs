//! Chapter 2, exercise solved: an async fn desugared by hand.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod two_steps;
#[cfg(feature = "wrong-boxes-the-async-fn")]
known_wrong::patched!(pub mod two_steps, "wrong/boxes_the_async_fn.patch");
#[cfg(feature = "wrong-new-sleep-each-poll")]
known_wrong::patched!(pub mod two_steps, "wrong/new_sleep_each_poll.patch");
#[cfg(feature = "wrong-pending-without-polling")]
known_wrong::patched!(pub mod two_steps, "wrong/pending_without_polling.patch");
#[cfg(feature = "wrong-sleep-made-at-call")]
known_wrong::patched!(pub mod two_steps, "wrong/sleep_made_at_call.patch");

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/two_steps/src/tests.rs"]
mod tests;
