//! Chapter 7, exercise solved: pool.map with rayon.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-sequential", path = "../wrong/sequential.rs")]
#[cfg_attr(
    feature = "wrong-completion-order",
    path = "../wrong/completion_order.rs"
)]
pub mod rayon_sums;

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/rayon_sums/src/tests.rs"]
mod tests;
