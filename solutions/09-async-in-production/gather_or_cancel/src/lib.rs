//! Chapter 9, exercise solved: gather_or_cancel. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod gather_or_cancel;
#[cfg(feature = "wrong-completion-order")]
known_wrong::patched!(pub mod gather_or_cancel, "wrong/completion_order.patch");
#[cfg(feature = "wrong-detached")]
known_wrong::patched!(pub mod gather_or_cancel, "wrong/detached.patch");
#[cfg(feature = "wrong-no-wait-after-abort")]
known_wrong::patched!(pub mod gather_or_cancel, "wrong/no_wait_after_abort.patch");
#[cfg(feature = "wrong-panic-without-wait")]
known_wrong::patched!(pub mod gather_or_cancel, "wrong/panic_without_wait.patch");
#[cfg(feature = "wrong-unwrap-join-error")]
known_wrong::patched!(pub mod gather_or_cancel, "wrong/unwrap_join_error.patch");
#[cfg(feature = "wrong-wait-for-all")]
known_wrong::patched!(pub mod gather_or_cancel, "wrong/wait_for_all.patch");

#[cfg(test)]
#[path = "../../../../exercises/09-async-in-production/gather_or_cancel/src/tests.rs"]
mod tests;
