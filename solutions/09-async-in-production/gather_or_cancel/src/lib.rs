//! Chapter 9, exercise solved: gather_or_cancel. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-wait-for-all", path = "../wrong/wait_for_all.rs")]
#[cfg_attr(feature = "wrong-detached", path = "../wrong/detached.rs")]
#[cfg_attr(
    feature = "wrong-no-wait-after-abort",
    path = "../wrong/no_wait_after_abort.rs"
)]
#[cfg_attr(
    feature = "wrong-completion-order",
    path = "../wrong/completion_order.rs"
)]
#[cfg_attr(
    feature = "wrong-unwrap-join-error",
    path = "../wrong/unwrap_join_error.rs"
)]
#[cfg_attr(
    feature = "wrong-panic-without-wait",
    path = "../wrong/panic_without_wait.rs"
)]
pub mod gather_or_cancel;

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/gather_or_cancel/src/tests.rs"]
mod tests;
