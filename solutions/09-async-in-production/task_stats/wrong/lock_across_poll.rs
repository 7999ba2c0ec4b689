//! WRONG: it holds the stats lock across the inner poll: a wake during the poll deadlocks.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use crate::given::{Clock, State, Stats};

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
struct WakeCounter {
    task: Waker,
    stats: Arc<Mutex<Stats>>,
}

impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if let Ok(mut stats) = self.stats.lock() {
            stats.wakes += 1;
            if stats.state == State::Running {
                stats.self_wakes += 1;
            }
        } // the guard goes here, before the task is woken
        self.task.wake_by_ref();
    }
}

impl<F: Future, C: Clock + Unpin> Future for Tracked<F, C> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        let stats_handle = Arc::clone(&this.stats);
        let mut stats = stats_handle.lock().expect("not poisoned");
        stats.polls += 1;
        stats.state = State::Running;
        let counter = Waker::from(Arc::new(WakeCounter {
            task: cx.waker().clone(),
            stats: Arc::clone(&this.stats),
        }));
        let started = this.clock.now();
        // `stats` is still locked while the inner future runs.
        let result = this.inner.as_mut().poll(&mut Context::from_waker(&counter));
        let took = this.clock.now().saturating_sub(started);
        {
            stats.busy += took;
            stats.longest_poll = stats.longest_poll.max(took);
            stats.state = if result.is_ready() {
                State::Done
            } else {
                State::Idle
            };
        }
        result
    }
}
