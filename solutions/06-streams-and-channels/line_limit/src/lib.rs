//! Chapter 6, exercise solved: lines with a limit.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-reads-whole-line",
    path = "../wrong/reads_whole_line.rs"
)]
#[cfg_attr(
    feature = "wrong-tail-read-as-line",
    path = "../wrong/tail_read_as_line.rs"
)]
#[cfg_attr(
    feature = "wrong-half-line-is-a-line",
    path = "../wrong/half_line_is_a_line.rs"
)]
#[cfg_attr(
    feature = "wrong-newline-counted",
    path = "../wrong/newline_counted.rs"
)]
pub mod line_limit;

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/line_limit/src/tests.rs"]
mod tests;
