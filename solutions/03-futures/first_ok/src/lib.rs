//! Chapter 3, exercise solved: the first success wins.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod first_ok;
#[cfg(feature = "wrong-errors-as-they-come")]
known_wrong::patched!(pub mod first_ok, "wrong/errors_as_they_come.patch");
#[cfg(feature = "wrong-first-to-finish")]
known_wrong::patched!(pub mod first_ok, "wrong/first_to_finish.patch");
#[cfg(feature = "wrong-select-ok")]
known_wrong::patched!(pub mod first_ok, "wrong/select_ok.patch");
#[cfg(feature = "wrong-waits-for-all")]
known_wrong::patched!(pub mod first_ok, "wrong/waits_for_all.patch");

#[cfg(test)]
#[path = "../../../../exercises/03-futures/first_ok/src/tests.rs"]
mod tests;
