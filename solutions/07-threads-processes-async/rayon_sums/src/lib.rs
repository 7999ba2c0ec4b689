//! Chapter 7, exercise solved: pool.map with rayon.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod rayon_sums;
#[cfg(feature = "wrong-completion-order")]
known_wrong::patched!(pub mod rayon_sums, "wrong/completion_order.patch");
#[cfg(feature = "wrong-sequential")]
known_wrong::patched!(pub mod rayon_sums, "wrong/sequential.patch");
#[cfg(feature = "wrong-plain-u64-sum")]
known_wrong::patched!(pub mod rayon_sums, "wrong/plain_u64_sum.patch");
#[cfg(feature = "wrong-checks-each-not-the-sum")]
known_wrong::patched!(pub mod rayon_sums, "wrong/checks_each_not_the_sum.patch");

#[cfg(test)]
#[path = "../../../../exercises/07-threads-processes-async/rayon_sums/src/tests.rs"]
mod tests;
