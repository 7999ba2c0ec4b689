//! Chapter 2, exercise solved: a plain struct made awaitable.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod yield_times;
#[cfg(feature = "wrong-boxed-yield-now")]
known_wrong::patched!(pub mod yield_times, "wrong/boxed_yield_now.patch");
#[cfg(feature = "wrong-forgets-to-wake")]
known_wrong::patched!(pub mod yield_times, "wrong/forgets_to_wake.patch");
#[cfg(feature = "wrong-one-yield-too-many")]
known_wrong::patched!(pub mod yield_times, "wrong/one_yield_too_many.patch");

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/yield_times/src/tests.rs"]
mod tests;
