//! Chapter 7, exercise solved: a stream of downloads, at most N in flight.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod bounded;
#[cfg(feature = "wrong-all-at-once")]
known_wrong::patched!(pub mod bounded, "wrong/all_at_once.patch");
#[cfg(feature = "wrong-completion-order")]
known_wrong::patched!(pub mod bounded, "wrong/completion_order.patch");
#[cfg(feature = "wrong-waves")]
known_wrong::patched!(pub mod bounded, "wrong/waves.patch");
#[cfg(feature = "wrong-zero-limit-never-starts")]
known_wrong::patched!(pub mod bounded, "wrong/zero_limit_never_starts.patch");
#[cfg(feature = "wrong-collects-then-delivers")]
known_wrong::patched!(pub mod bounded, "wrong/collects_then_delivers.patch");
#[cfg(feature = "wrong-buffered-in-order")]
known_wrong::patched!(pub mod bounded, "wrong/buffered_in_order.patch");
#[cfg(feature = "wrong-delivers-as-they-finish")]
known_wrong::patched!(pub mod bounded, "wrong/delivers_as_they_finish.patch");

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/bounded/src/tests.rs"]
mod tests;
