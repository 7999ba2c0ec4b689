//! Exercise 5 (hard): the figures tokio-console shows, gathered by a wrapper future.
//!
//! tokio-console lists every task with its polls, its wake-ups, how long it was busy,
//! and a warning for tasks that wake themselves. It needs `--cfg tokio_unstable` and
//! a subscriber in the program. You can gather the same figures for one future with
//! no help from tokio: wrap it.
//!
//! `Tracked` polls the future inside it and keeps its [`Stats`]:
//!
//! - every call to `poll` counts one poll, sets the state to `Running` for its
//!   duration and to `Idle` or `Done` after it, and adds its length (on the given
//!   [`Clock`]) to `busy` (and to `longest_poll` if it is the longest);
//! - every wake-up of the task counts one wake, and one self-wake if it happened
//!   while the task was `Running`. To see wake-ups, the inner future must be polled
//!   with a waker of yours that counts, then wakes the waker the task was polled with
//!   *this time*: a task may be polled by different wakers over its life (moved to
//!   another task, or into a `select!`), and only the latest one is sure to work.
//!
//! `Clock`, `State` and `Stats` are given, in `given.rs`.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use crate::given::{Clock, Stats};

// ANCHOR: exercise
/// A future, and the figures of its polls.
pub struct Tracked<F, C> {
    inner: Pin<Box<F>>,
    clock: C,
    stats: Arc<Mutex<Stats>>,
}

/// Wrap `future`; the second value reads its figures at any time.
pub fn track<F: Future, C: Clock>(future: F, clock: C) -> (Tracked<F, C>, Arc<Mutex<Stats>>) {
    let stats = Arc::new(Mutex::new(Stats::default()));
    let tracked = Tracked {
        inner: Box::pin(future),
        clock,
        stats: Arc::clone(&stats),
    };
    (tracked, stats)
}

/// The waker the inner future is polled with: it counts, then passes the wake on.
#[allow(dead_code)] // Only silences "never constructed" until your `poll` builds one: delete it.
struct WakeCounter {
    task: Waker,
    stats: Arc<Mutex<Stats>>,
}

impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        // TODO: count the wake (and the self-wake, if the task is Running), then
        // wake `self.task`.
        let _ = (&self.task, &self.stats); // Only silences "unused" warnings: delete it.
        todo!("count, then pass the wake on")
    }
}

impl<F: Future, C: Clock + Unpin> Future for Tracked<F, C> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // TODO: count the poll and mark the task Running; poll the inner future with a
        // context made from a `WakeCounter` around `cx.waker()`; time the poll; mark
        // the task Idle or Done. Never hold the stats lock while the inner future runs.
        let this = self.get_mut();
        // Only silences "unused" warnings: delete it.
        let _ = (&mut this.inner, &this.clock, &this.stats, cx);
        todo!("poll the inner future, and keep the figures")
    }
}
// ANCHOR_END: exercise
