//! Chapter 8, exercise solved: visit_counter. The tests are the exercise's own file,
//! run against this code.

#[path = "../../../../exercises/08-pin-send-cancellation/visit_counter/src/site.rs"]
pub mod site;

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-tokio-mutex-across-save",
    path = "../wrong/tokio_mutex_across_save.rs"
)]
#[cfg_attr(
    feature = "wrong-write-after-save",
    path = "../wrong/write_after_save.rs"
)]
#[cfg_attr(
    feature = "wrong-save-in-background",
    path = "../wrong/save_in_background.rs"
)]
#[cfg_attr(
    feature = "wrong-reread-after-save",
    path = "../wrong/reread_after_save.rs"
)]
pub mod visit_counter;

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/visit_counter/src/tests.rs"]
mod tests;
