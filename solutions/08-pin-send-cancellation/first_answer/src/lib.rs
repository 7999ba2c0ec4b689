//! Chapter 8, exercise solved: first_answer. The tests are the exercise's own file,
//! run against this code.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod first_answer;
#[cfg(feature = "wrong-first-to-finish")]
known_wrong::patched!(pub mod first_answer, "wrong/first_to_finish.patch");
#[cfg(feature = "wrong-one-after-another")]
known_wrong::patched!(pub mod first_answer, "wrong/one_after_another.patch");
#[cfg(feature = "wrong-waits-for-all")]
known_wrong::patched!(pub mod first_answer, "wrong/waits_for_all.patch");
#[cfg(feature = "wrong-sleep-not-awaited")]
known_wrong::patched!(pub mod first_answer, "wrong/sleep_not_awaited.patch");

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/first_answer/src/tests.rs"]
mod tests;
