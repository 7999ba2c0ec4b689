//! Chapter 2, exercise solved: breakfast in 4 seconds, not 7.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-all-four-at-once",
    path = "../wrong/all_four_at_once.rs"
)]
#[cfg_attr(
    feature = "wrong-first-pair-wins",
    path = "../wrong/first_pair_wins.rs"
)]
#[cfg_attr(feature = "wrong-in-turn", path = "../wrong/in_turn.rs")]
pub mod breakfast;

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/breakfast/src/tests.rs"]
mod tests;
