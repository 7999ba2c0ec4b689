//! Exercise 5, solved: a oneshot channel, completed from another thread.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use crate::given::{Mutex, MutexGuard};

/// The error of a receiver whose sender was dropped without sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Canceled;

// ANCHOR: solution
/// What the two halves share.
struct State<T> {
    value: Option<T>,
    sender_gone: bool,
    waker: Option<Waker>,
}

pub struct Sender<T> {
    state: Arc<Mutex<State<T>>>,
}

pub struct Receiver<T> {
    state: Arc<Mutex<State<T>>>,
}

pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let state = Arc::new(Mutex::new(State {
        value: None,
        sender_gone: false,
        waker: None,
    }));
    let sender = Sender {
        state: Arc::clone(&state),
    };
    (sender, Receiver { state })
}

impl<T> Sender<T> {
    /// Send `value` to the receiver, waking it if it is waiting.
    pub fn send(self, value: T) {
        lock(&self.state).value = Some(value);
        // Nothing more: `self` is dropped here, and `Drop` wakes the receiver. So
        // there is one place that wakes, whether or not a value was sent.
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let waker = {
            let mut state = lock(&self.state);
            state.sender_gone = true;
            state.waker.take()
        };
        // Wake after unlocking, so the receiver's `poll` never waits for our lock.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = Result<T, Canceled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = lock(&self.state);
        // The value first: after a `send`, the sender is gone too, and the value
        // must not be mistaken for a cancellation.
        if let Some(value) = state.value.take() {
            return Poll::Ready(Ok(value));
        }
        if state.sender_gone {
            return Poll::Ready(Err(Canceled));
        }
        // Checked and stored under one lock, so the sender cannot slip in between
        // and wake a waker we have not stored yet.
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

fn lock<T>(state: &Mutex<State<T>>) -> MutexGuard<'_, State<T>> {
    // A panic while the lock is held cannot leave the state half-written.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
// ANCHOR_END: solution
