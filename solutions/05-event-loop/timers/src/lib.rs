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

// `cargo course verify` builds this crate once per known-wrong version (the
// `wrong-*` features) and expects the exercise's tests to catch each one.
#[cfg_attr(
    feature = "wrong-deadline-at-first-poll",
    path = "../wrong/deadline_at_first_poll.rs"
)]
#[cfg_attr(
    feature = "wrong-first-waker-only",
    path = "../wrong/first_waker_only.rs"
)]
#[cfg_attr(feature = "wrong-jump-when-busy", path = "../wrong/jump_when_busy.rs")]
#[cfg_attr(feature = "wrong-no-timeout", path = "../wrong/no_timeout.rs")]
#[cfg_attr(feature = "wrong-one-per-turn", path = "../wrong/one_per_turn.rs")]
#[cfg_attr(feature = "wrong-real-clock", path = "../wrong/real_clock.rs")]
#[cfg_attr(feature = "wrong-spin", path = "../wrong/spin.rs")]
#[cfg_attr(feature = "wrong-timer-per-poll", path = "../wrong/timer_per_poll.rs")]
pub mod timers;

#[cfg(test)]
#[path = "../../../../exercises/05-event-loop/timers/src/tests.rs"]
mod tests;
