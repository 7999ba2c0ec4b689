//! Chapter 8, exercise solved: batcher. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod batcher;
#[cfg(feature = "wrong-drops-last-batch")]
known_wrong::patched!(pub mod batcher, "wrong/drops_last_batch.patch");
#[cfg(feature = "wrong-interval-ticks-at-once")]
known_wrong::patched!(pub mod batcher, "wrong/interval_ticks_at_once.patch");
#[cfg(feature = "wrong-never-returns-on-close")]
known_wrong::patched!(pub mod batcher, "wrong/never_returns_on_close.patch");
#[cfg(feature = "wrong-sends-empty-batches")]
known_wrong::patched!(pub mod batcher, "wrong/sends_empty_batches.patch");
#[cfg(feature = "wrong-sends-empty-last-batch")]
known_wrong::patched!(pub mod batcher, "wrong/sends_empty_last_batch.patch");
#[cfg(feature = "wrong-sleep-per-turn")]
known_wrong::patched!(pub mod batcher, "wrong/sleep_per_turn.patch");
#[cfg(feature = "wrong-try-send-drops")]
known_wrong::patched!(pub mod batcher, "wrong/try_send_drops.patch");

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/batcher/src/tests.rs"]
mod tests;
