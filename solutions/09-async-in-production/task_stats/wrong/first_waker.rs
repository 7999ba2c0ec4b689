//! WRONG: it builds the counting waker from the first poll's waker and keeps it for ever.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use crate::given::{Clock, State, Stats};

/// A future, and the figures of its polls.
pub struct Tracked<F, C> {
    inner: Pin<Box<F>>,
    clock: C,
    stats: Arc<Mutex<Stats>>,
    counter: Option<Waker>,
}

/// Wrap `future`; the second value reads its figures at any time.
pub fn track<F: Future, C: Clock>(future: F, clock: C) -> (Tracked<F, C>, Arc<Mutex<Stats>>) {
    let stats = Arc::new(Mutex::new(Stats::default()));
    let tracked = Tracked {
        inner: Box::pin(future),
        clock,
        stats: Arc::clone(&stats),
        counter: None,
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
        if let Ok(mut stats) = this.stats.lock() {
            stats.polls += 1;
            stats.state = State::Running;
        }
        // A fresh counter around *this* poll's waker.
        let counter = this
            .counter
            .get_or_insert_with(|| {
                Waker::from(Arc::new(WakeCounter {
                    task: cx.waker().clone(),
                    stats: Arc::clone(&this.stats),
                }))
            })
            .clone();
        let started = this.clock.now();
        let result = this.inner.as_mut().poll(&mut Context::from_waker(&counter));
        let took = this.clock.now().saturating_sub(started);
        if let Ok(mut stats) = this.stats.lock() {
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
