//! Chapter 8, exercise solved: batcher. The tests are the exercise's own file, run
//! against this code.

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-sleep-per-turn", path = "../wrong/sleep_per_turn.rs")]
#[cfg_attr(
    feature = "wrong-drops-last-batch",
    path = "../wrong/drops_last_batch.rs"
)]
#[cfg_attr(
    feature = "wrong-never-returns-on-close",
    path = "../wrong/never_returns_on_close.rs"
)]
#[cfg_attr(
    feature = "wrong-sends-empty-batches",
    path = "../wrong/sends_empty_batches.rs"
)]
#[cfg_attr(
    feature = "wrong-interval-ticks-at-once",
    path = "../wrong/interval_ticks_at_once.rs"
)]
#[cfg_attr(
    feature = "wrong-sends-empty-last-batch",
    path = "../wrong/sends_empty_last_batch.rs"
)]
#[cfg_attr(feature = "wrong-try-send-drops", path = "../wrong/try_send_drops.rs")]
pub mod batcher;

#[cfg(test)]
#[path = "../../../../exercises/08-pin-send-cancellation/batcher/src/tests.rs"]
mod tests;
