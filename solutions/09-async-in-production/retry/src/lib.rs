//! Chapter 9, exercise solved: retry. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-fixed-delay", path = "../wrong/fixed_delay.rs")]
#[cfg_attr(
    feature = "wrong-sleep-after-last",
    path = "../wrong/sleep_after_last.rs"
)]
#[cfg_attr(feature = "wrong-blocking-sleep", path = "../wrong/blocking_sleep.rs")]
#[cfg_attr(feature = "wrong-first-error", path = "../wrong/first_error.rs")]
#[cfg_attr(
    feature = "wrong-real-clock-runtime",
    path = "../wrong/real_clock_runtime.rs"
)]
#[cfg_attr(feature = "wrong-std-instant", path = "../wrong/std_instant.rs")]
#[cfg_attr(
    feature = "wrong-computed-not-measured",
    path = "../wrong/computed_not_measured.rs"
)]
pub mod retry;

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/retry/src/tests.rs"]
mod tests;
