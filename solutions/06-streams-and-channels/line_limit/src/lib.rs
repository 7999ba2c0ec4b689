//! Chapter 6, exercise solved: lines with a limit.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod line_limit;
#[cfg(feature = "wrong-half-line-is-a-line")]
known_wrong::patched!(pub mod line_limit, "wrong/half_line_is_a_line.patch");
#[cfg(feature = "wrong-newline-counted")]
known_wrong::patched!(pub mod line_limit, "wrong/newline_counted.patch");
#[cfg(feature = "wrong-reads-whole-line")]
known_wrong::patched!(pub mod line_limit, "wrong/reads_whole_line.patch");
#[cfg(feature = "wrong-tail-read-as-line")]
known_wrong::patched!(pub mod line_limit, "wrong/tail_read_as_line.patch");
#[cfg(feature = "wrong-skipped-end-is-closed-mid-line")]
known_wrong::patched!(pub mod line_limit, "wrong/skipped_end_is_closed_mid_line.patch");
#[cfg(feature = "wrong-trims-the-line")]
known_wrong::patched!(pub mod line_limit, "wrong/trims_the_line.patch");

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/line_limit/src/tests.rs"]
mod tests;
