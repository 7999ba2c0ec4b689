//! Chapter 8, exercise solved: frame_reader. The tests are the exercise's own file,
//! run against this code.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod frame_reader;
#[cfg(feature = "wrong-discards-extra")]
known_wrong::patched!(pub mod frame_reader, "wrong/discards_extra.patch");
#[cfg(feature = "wrong-eof-mid-frame-is-none")]
known_wrong::patched!(pub mod frame_reader, "wrong/eof_mid_frame_is_none.patch");
#[cfg(feature = "wrong-read-exact")]
known_wrong::patched!(pub mod frame_reader, "wrong/read_exact.patch");
#[cfg(feature = "wrong-read-exact-into-self")]
known_wrong::patched!(pub mod frame_reader, "wrong/read_exact_into_self.patch");

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/frame_reader/src/tests.rs"]
mod tests;
