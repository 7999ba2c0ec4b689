//! Chapter 8, exercise solved: visit_counter. The tests are the exercise's own file,
//! run against this code.

#[path = "../../../../exercises/08-pin-send-cancellation/visit_counter/src/site.rs"]
pub mod site;

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod visit_counter;
#[cfg(feature = "wrong-reread-after-save")]
known_wrong::patched!(pub mod visit_counter, "wrong/reread_after_save.patch");
#[cfg(feature = "wrong-save-in-background")]
known_wrong::patched!(pub mod visit_counter, "wrong/save_in_background.patch");
#[cfg(feature = "wrong-tokio-mutex-across-save")]
known_wrong::patched!(pub mod visit_counter, "wrong/tokio_mutex_across_save.patch");
#[cfg(feature = "wrong-write-after-save")]
known_wrong::patched!(pub mod visit_counter, "wrong/write_after_save.patch");

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/visit_counter/src/tests.rs"]
mod tests;
