//! Chapter 8, exercise solved: first_answer. The tests are the exercise's own file,
//! run against this code.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-one-after-another",
    path = "../wrong/one_after_another.rs"
)]
#[cfg_attr(
    feature = "wrong-first-to-finish",
    path = "../wrong/first_to_finish.rs"
)]
#[cfg_attr(feature = "wrong-waits-for-all", path = "../wrong/waits_for_all.rs")]
pub mod first_answer;

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/first_answer/src/tests.rs"]
mod tests;
