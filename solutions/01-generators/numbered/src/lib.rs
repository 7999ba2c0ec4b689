//! Chapter 1, exercise solved: number the lines, lazily.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod numbered;
#[cfg(feature = "wrong-counts-only-yielded")]
known_wrong::patched!(pub mod numbered, "wrong/counts_only_yielded.patch");
#[cfg(feature = "wrong-not-fused")]
known_wrong::patched!(pub mod numbered, "wrong/not_fused.patch");
#[cfg(feature = "wrong-reads-everything-first")]
known_wrong::patched!(pub mod numbered, "wrong/reads_everything_first.patch");
#[cfg(feature = "wrong-yields-the-stripped-line")]
known_wrong::patched!(pub mod numbered, "wrong/yields_the_stripped_line.patch");

#[cfg(test)]
#[path = "../../../../exercises/01-generators/numbered/src/tests.rs"]
mod tests;
