//! Chapter 4, exercise solved: fan out with at most K at a time.
//!
//! The tests are not copied: the module below is the exercise's own test file, so the
//! exercise and its solution can never be held to different standards.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-finishing-order",
    path = "../wrong/finishing_order.rs"
)]
#[cfg_attr(
    feature = "wrong-permit-dropped-at-once",
    path = "../wrong/permit_dropped_at_once.rs"
)]
#[cfg_attr(
    feature = "wrong-waits-for-every-job",
    path = "../wrong/waits_for_every_job.rs"
)]
#[cfg_attr(feature = "wrong-waves", path = "../wrong/waves.rs")]
#[cfg_attr(
    feature = "wrong-too-many-permits",
    path = "../wrong/too_many_permits.rs"
)]
pub mod fan_out;

#[cfg(test)]
#[path = "../../../../exercises/04-tasks-and-runners/fan_out/src/tests.rs"]
mod tests;
