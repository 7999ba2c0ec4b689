//! Chapter 2, exercise solved: a plain struct made awaitable.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-forgets-to-wake",
    path = "../wrong/forgets_to_wake.rs"
)]
#[cfg_attr(
    feature = "wrong-one-yield-too-many",
    path = "../wrong/one_yield_too_many.rs"
)]
pub mod yield_times;

#[cfg(test)]
#[path = "../../../../exercises/02-coroutines/yield_times/src/tests.rs"]
mod tests;
