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
#[cfg_attr(
    feature = "wrong-returns-on-accept-error",
    path = "../wrong/returns_on_accept_error.rs"
)]
#[cfg_attr(
    feature = "wrong-retries-accept-at-once",
    path = "../wrong/retries_accept_at_once.rs"
)]
#[cfg_attr(feature = "wrong-newline-added", path = "../wrong/newline_added.rs")]
#[cfg_attr(
    feature = "wrong-strips-whitespace",
    path = "../wrong/strips_whitespace.rs"
)]
pub mod echo;

// The given code is the exercise's own file too.
#[path = "../../../../exercises/06-streams-and-channels/echo/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/echo/src/tests.rs"]
mod tests;
