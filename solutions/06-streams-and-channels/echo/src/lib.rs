//! Chapter 6, exercise solved: echo.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod echo;
#[cfg(feature = "wrong-echoes-at-close")]
known_wrong::patched!(pub mod echo, "wrong/echoes_at_close.patch");
#[cfg(feature = "wrong-io-copy")]
known_wrong::patched!(pub mod echo, "wrong/io_copy.patch");
#[cfg(feature = "wrong-newline-added")]
known_wrong::patched!(pub mod echo, "wrong/newline_added.patch");
#[cfg(feature = "wrong-one-at-a-time")]
known_wrong::patched!(pub mod echo, "wrong/one_at_a_time.patch");
#[cfg(feature = "wrong-retries-accept-at-once")]
known_wrong::patched!(pub mod echo, "wrong/retries_accept_at_once.patch");
#[cfg(feature = "wrong-returns-on-accept-error")]
known_wrong::patched!(pub mod echo, "wrong/returns_on_accept_error.patch");
#[cfg(feature = "wrong-stops-at-empty-line")]
known_wrong::patched!(pub mod echo, "wrong/stops_at_empty_line.patch");
#[cfg(feature = "wrong-strips-whitespace")]
known_wrong::patched!(pub mod echo, "wrong/strips_whitespace.patch");

// The given code is the exercise's own file too.
#[path = "../../../../exercises/06-streams-and-channels/echo/src/given.rs"]
pub mod given;

#[cfg(test)]
#[path = "../../../../exercises/06-streams-and-channels/echo/src/tests.rs"]
mod tests;
