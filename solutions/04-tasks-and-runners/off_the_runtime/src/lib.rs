//! Chapter 4, exercise solved: move a blocking call off the runtime.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-inline", path = "../wrong/inline.rs")]
#[cfg_attr(
    feature = "wrong-str-payload-only",
    path = "../wrong/str_payload_only.rs"
)]
#[cfg_attr(
    feature = "wrong-detaches-on-drop",
    path = "../wrong/detaches_on_drop.rs"
)]
pub mod off_the_runtime;

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/off_the_runtime/src/tests.rs"]
mod tests;
