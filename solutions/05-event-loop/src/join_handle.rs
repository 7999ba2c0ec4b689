//! Exercise 3, solved: `spawn` with a `JoinHandle`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

// ANCHOR: solution
/// What the task and its handle share.
pub struct JoinState<T> {
    /// The task's output, once it has finished.
    pub output: Option<T>,
    /// The waker of the task awaiting the handle, if it is waiting.
    pub waiter: Option<Waker>,
}

/// Awaits the output of a task started by [`spawn`].
pub struct JoinHandle<T> {
    pub state: Arc<Mutex<JoinState<T>>>,
}

/// Start `future` as a task on the running loop; return a handle to its output.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let state = Arc::new(Mutex::new(JoinState {
        output: None,
        waiter: None,
    }));
    let task_state = Arc::clone(&state);
    drop(ch05_event_loop::spawn(async move {
        let output = future.await;
        let waiter = {
            let mut state = lock(&task_state);
            state.output = Some(output);
            state.waiter.take()
        };
        // Wake after unlocking, so the woken task never finds the lock taken.
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    }));
    JoinHandle { state }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = lock(&self.state);
        match state.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                // Under the lock the task takes to store its output: it cannot
                // finish between our look and our leaving the waker.
                state.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

fn lock<T>(state: &Mutex<JoinState<T>>) -> MutexGuard<'_, JoinState<T>> {
    // The state is two Options; a panic elsewhere cannot leave it half-written.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
// ANCHOR_END: solution
