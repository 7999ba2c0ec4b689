//! Chapter 8, exercise solved: frame_reader. The tests are the exercise's own file,
//! run against this code.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-read-exact", path = "../wrong/read_exact.rs")]
#[cfg_attr(
    feature = "wrong-read-exact-into-self",
    path = "../wrong/read_exact_into_self.rs"
)]
#[cfg_attr(feature = "wrong-discards-extra", path = "../wrong/discards_extra.rs")]
#[cfg_attr(
    feature = "wrong-eof-mid-frame-is-none",
    path = "../wrong/eof_mid_frame_is_none.rs"
)]
pub mod frame_reader;

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/frame_reader/src/tests.rs"]
mod tests;
