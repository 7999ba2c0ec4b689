//! Exercise 3 (hard): `spawn` with a `JoinHandle`.
//!
//! `task = asyncio.create_task(coro)` starts `coro` and hands back an awaitable
//! that gives its result. Build that from a loop that can only start a task and
//! forget it: start your task with `ch05_event_loop::spawn(...)` and *drop* the
//! handle it returns (no cheating with it). Your task and your `JoinHandle` share
//! a [`JoinState`]: the task puts the output there and wakes whoever waits; the
//! handle takes the output, or leaves its waker and waits.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

// ANCHOR: exercise
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
    // TODO: make the shared state; start a task (with `ch05_event_loop::spawn`,
    // dropping its handle) that awaits `future`, stores the output, and wakes the
    // waiter if there is one; return a handle on the same state.
    drop(future);
    todo!("spawn the future and return a JoinHandle")
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // TODO: take the output if it is there; otherwise leave `cx.waker()` for
        // the task to wake, and return Pending.
        let _ = (self, cx);
        todo!("poll the JoinHandle")
    }
}
// ANCHOR_END: exercise
