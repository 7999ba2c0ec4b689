//! Chapter 4, exercise solved: fan out with at most K at a time.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod fan_out;
#[cfg(feature = "wrong-finishing-order")]
known_wrong::patched!(pub mod fan_out, "wrong/finishing_order.patch");
#[cfg(feature = "wrong-permit-dropped-at-once")]
known_wrong::patched!(pub mod fan_out, "wrong/permit_dropped_at_once.patch");
#[cfg(feature = "wrong-too-many-permits")]
known_wrong::patched!(pub mod fan_out, "wrong/too_many_permits.patch");
#[cfg(feature = "wrong-waits-for-every-job")]
known_wrong::patched!(pub mod fan_out, "wrong/waits_for_every_job.patch");
#[cfg(feature = "wrong-waves")]
known_wrong::patched!(pub mod fan_out, "wrong/waves.patch");

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/fan_out/src/tests.rs"]
mod tests;
