//! Chapter 9, exercise solved: retry. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod retry;
#[cfg(feature = "wrong-blocking-sleep")]
known_wrong::patched!(pub mod retry, "wrong/blocking_sleep.patch");
#[cfg(feature = "wrong-computed-not-measured")]
known_wrong::patched!(pub mod retry, "wrong/computed_not_measured.patch");
#[cfg(feature = "wrong-first-error")]
known_wrong::patched!(pub mod retry, "wrong/first_error.patch");
#[cfg(feature = "wrong-fixed-delay")]
known_wrong::patched!(pub mod retry, "wrong/fixed_delay.patch");
#[cfg(feature = "wrong-real-clock-runtime")]
known_wrong::patched!(pub mod retry, "wrong/real_clock_runtime.patch");
#[cfg(feature = "wrong-sleep-after-last")]
known_wrong::patched!(pub mod retry, "wrong/sleep_after_last.patch");
#[cfg(feature = "wrong-std-instant")]
known_wrong::patched!(pub mod retry, "wrong/std_instant.patch");

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/retry/src/tests.rs"]
mod tests;
