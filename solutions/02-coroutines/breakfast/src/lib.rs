//! Chapter 2, exercise solved: breakfast in 4 seconds, not 7.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod breakfast;
#[cfg(feature = "wrong-all-four-at-once")]
known_wrong::patched!(pub mod breakfast, "wrong/all_four_at_once.patch");
#[cfg(feature = "wrong-first-pair-wins")]
known_wrong::patched!(pub mod breakfast, "wrong/first_pair_wins.patch");
#[cfg(feature = "wrong-in-turn")]
known_wrong::patched!(pub mod breakfast, "wrong/in_turn.patch");

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/breakfast/src/tests.rs"]
mod tests;
