//! Chapter 6, exercise solved: echo.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-one-at-a-time", path = "../wrong/one_at_a_time.rs")]
#[cfg_attr(
    feature = "wrong-stops-at-empty-line",
    path = "../wrong/stops_at_empty_line.rs"
)]
#[cfg_attr(
    feature = "wrong-echoes-at-close",
    path = "../wrong/echoes_at_close.rs"
)]
pub mod echo;

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/echo/src/tests.rs"]
mod tests;
