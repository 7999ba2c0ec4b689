//! WRONG: reads `remaining` and writes it back under two locks: two count_downs at once lose one.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, PoisonError};
use std::task::{Context, Poll, Waker};

use crate::given::{Mutex, MutexGuard};

/// What the latch and its waiting future share.
struct State {
    /// `count_down` calls still needed to open the latch.
    remaining: usize,
    /// The waker of the task waiting for the latch, left there by its latest poll.
    waker: Option<Waker>,
}

/// Cloning shares the latch (one `Arc`), so each worker can hold one.
#[derive(Clone)]
pub struct Latch {
    state: Arc<Mutex<State>>,
}

/// The future `Latch::wait` returns: ready once the latch is open.
pub struct Wait {
    state: Arc<Mutex<State>>,
}

impl Latch {
    pub fn new(count: usize) -> Latch {
        let state = State {
            remaining: count,
            waker: None,
        };
        Latch {
            state: Arc::new(Mutex::new(state)),
        }
    }

    pub fn wait(&self) -> Wait {
        Wait {
            state: Arc::clone(&self.state),
        }
    }
}

/// Lock the state. A panic while it was held cannot leave it half-written.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Latch {
    pub fn count_down(&self) {
        let remaining = lock(&self.state).remaining.saturating_sub(1);
        lock(&self.state).remaining = remaining;
        if remaining > 0 {
            return;
        }
        let waker = lock(&self.state).waker.take();
        // Woken after the lock is released: the task may run at once, on another
        // thread, and its poll takes the lock.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = lock(&self.state);
        if state.remaining == 0 {
            return Poll::Ready(());
        }
        // Checked and stored under one lock: the last count_down cannot slip in
        // between and find no waker. Replaced on every poll: the task may have moved.
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}
