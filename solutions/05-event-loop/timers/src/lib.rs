//! Chapter 5, exercise 4 solved: Timers: sleep, and a loop that sleeps until the next deadline.
//!
//! The tests are not copied: the module below is the exercise's own test file,
//! and the steps before this one are their own solutions, included by `#[path]`.

#[path = "../../block_on/src/block_on.rs"]
pub mod block_on;
#[path = "../../spawn/src/spawn.rs"]
pub mod spawn;
#[path = "../../join_handle/src/join_handle.rs"]
pub mod join_handle;

// `cargo course verify` builds this crate once per known-wrong version: each
// `wrong-*` feature swaps the module for the solution with wrong/<mistake>.patch
// applied, and the exercise's tests must catch each one.
#[cfg(not(feature = "known-wrong"))]
pub mod timers;
#[cfg(feature = "wrong-deadline-at-first-poll")]
known_wrong::patched!(pub mod timers, "wrong/deadline_at_first_poll.patch");
#[cfg(feature = "wrong-first-waker-only")]
known_wrong::patched!(pub mod timers, "wrong/first_waker_only.patch");
#[cfg(feature = "wrong-jump-when-busy")]
known_wrong::patched!(pub mod timers, "wrong/jump_when_busy.patch");
#[cfg(feature = "wrong-no-timeout")]
known_wrong::patched!(pub mod timers, "wrong/no_timeout.patch");
#[cfg(feature = "wrong-one-per-turn")]
known_wrong::patched!(pub mod timers, "wrong/one_per_turn.patch");
#[cfg(feature = "wrong-real-clock")]
known_wrong::patched!(pub mod timers, "wrong/real_clock.patch");
#[cfg(feature = "wrong-spin")]
known_wrong::patched!(pub mod timers, "wrong/spin.patch");
#[cfg(feature = "wrong-timer-per-poll")]
known_wrong::patched!(pub mod timers, "wrong/timer_per_poll.patch");

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/timers/src/tests.rs"]
mod tests;
