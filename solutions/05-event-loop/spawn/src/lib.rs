//! Chapter 5, exercise 2 solved: A ready queue and spawn.
//!
//! The tests are not copied: the module below is the exercise's own test file,
//! and the steps before this one are their own solutions, included by `#[path]`.

#[path = "../../block_on/src/block_on.rs"]
pub mod block_on;

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(feature = "wrong-drain", path = "../wrong/drain.rs")]
#[cfg_attr(feature = "wrong-keep-finished", path = "../wrong/keep_finished.rs")]
#[cfg_attr(feature = "wrong-lifo", path = "../wrong/lifo.rs")]
#[cfg_attr(
    feature = "wrong-main-every-turn",
    path = "../wrong/main_every_turn.rs"
)]
#[cfg_attr(feature = "wrong-never-waits", path = "../wrong/never_waits.rs")]
#[cfg_attr(feature = "wrong-no-dedup", path = "../wrong/no_dedup.rs")]
pub mod spawn;

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/spawn/src/tests.rs"]
mod tests;
