//! Chapter 1, exercise solved: number the lines, lazily.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-counts-only-yielded",
    path = "../wrong/counts_only_yielded.rs"
)]
#[cfg_attr(feature = "wrong-not-fused", path = "../wrong/not_fused.rs")]
#[cfg_attr(
    feature = "wrong-reads-everything-first",
    path = "../wrong/reads_everything_first.rs"
)]
#[cfg_attr(
    feature = "wrong-yields-the-stripped-line",
    path = "../wrong/yields_the_stripped_line.rs"
)]
pub mod numbered;

#[cfg(test)]
#[path = "../../../../exercises/01-generators/numbered/src/tests.rs"]
mod tests;
