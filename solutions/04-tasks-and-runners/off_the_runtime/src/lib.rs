//! Chapter 4, exercise solved: move a blocking call off the runtime.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod off_the_runtime;
#[cfg(feature = "wrong-detaches-on-drop")]
known_wrong::patched!(pub mod off_the_runtime, "wrong/detaches_on_drop.patch");
#[cfg(feature = "wrong-inline")]
known_wrong::patched!(pub mod off_the_runtime, "wrong/inline.patch");
#[cfg(feature = "wrong-str-payload-only")]
known_wrong::patched!(pub mod off_the_runtime, "wrong/str_payload_only.patch");

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/off_the_runtime/src/tests.rs"]
mod tests;
