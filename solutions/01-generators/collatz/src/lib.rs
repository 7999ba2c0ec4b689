//! Chapter 1, exercise solved: a generator from successors.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-never-stops", path = "../wrong/never_stops.rs")]
#[cfg_attr(feature = "wrong-overflows", path = "../wrong/overflows.rs")]
#[cfg_attr(
    feature = "wrong-stops-before-one",
    path = "../wrong/stops_before_one.rs"
)]
pub mod collatz;

#[cfg(test)]
#[path = "../../../../exercises/01-generators/collatz/src/tests.rs"]
mod tests;
