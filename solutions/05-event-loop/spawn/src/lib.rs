//! Chapter 5, exercise 2 solved: A ready queue and spawn.
//!
//! The tests are not copied: the module below is the exercise's own test file,
//! and the steps before this one are their own solutions, included by `#[path]`.

#[path = "../../block_on/src/block_on.rs"]
pub mod block_on;

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod spawn;
#[cfg(feature = "wrong-drain")]
known_wrong::patched!(pub mod spawn, "wrong/drain.patch");
#[cfg(feature = "wrong-keep-finished")]
known_wrong::patched!(pub mod spawn, "wrong/keep_finished.patch");
#[cfg(feature = "wrong-lifo")]
known_wrong::patched!(pub mod spawn, "wrong/lifo.patch");
#[cfg(feature = "wrong-main-every-turn")]
known_wrong::patched!(pub mod spawn, "wrong/main_every_turn.patch");
#[cfg(feature = "wrong-never-waits")]
known_wrong::patched!(pub mod spawn, "wrong/never_waits.patch");
#[cfg(feature = "wrong-no-dedup")]
known_wrong::patched!(pub mod spawn, "wrong/no_dedup.patch");

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/spawn/src/tests.rs"]
mod tests;
