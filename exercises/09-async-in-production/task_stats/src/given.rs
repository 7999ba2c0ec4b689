//! Given: the clock a tracked task is timed with, and the figures it keeps.

use std::time::Duration;

/// Where [`Stats::busy`] time is read from. Real use passes the machine's monotonic
/// clock; the tests pass a clock they move by hand, so that "this poll took 50 ms" is
/// exact.
pub trait Clock {
    fn now(&self) -> Duration;
}

/// What the task is doing, as tokio-console shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum State {
    /// Not being polled: waiting to be woken (or never polled yet).
    #[default]
    Idle,
    /// Inside a call to `poll`.
    Running,
    /// `poll` returned `Ready`.
    Done,
}

/// The figures tokio-console shows for a task.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stats {
    /// Calls to `poll`.
    pub polls: u32,
    /// Calls to `wake` (or `wake_by_ref`) on the task's waker.
    pub wakes: u32,
    /// Of those, the ones made while the task was being polled: the task woke itself.
    /// A task that does that on every poll is spinning (busy-waiting), which
    /// tokio-console flags.
    pub self_wakes: u32,
    /// Time spent inside `poll`, all polls together (not the time spent waiting).
    pub busy: Duration,
    /// The longest single poll.
    pub longest_poll: Duration,
    pub state: State,
}
