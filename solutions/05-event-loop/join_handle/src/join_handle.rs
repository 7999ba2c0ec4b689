//! Step 3: `spawn` with a `JoinHandle`, a future for the task's output.
//!
//! `asyncio.create_task` hands back the task, and awaiting it gives the result.
//! Step 2's tasks return nothing; a [`JoinHandle`] adds the result on top of them,
//! without changing the loop: the spawned future is wrapped in one that puts the
//! output in a slot shared with the handle, and wakes whoever awaits the handle.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use crate::spawn::{lock, spawn_detached};

/// What a task and its handle share.
struct Slot<T> {
    /// The output, once the task has finished.
    output: Option<T>,
    /// Whoever awaits the handle, to wake when the output comes.
    waiter: Option<Waker>,
}

/// The caller's side of a spawned task: a future for its output. Dropping it
/// does not stop the task.
pub struct JoinHandle<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = lock(&self.slot);
        match slot.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                // The newest waker: the handle may have moved to another task.
                slot.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Run `future` as a task of the running loop: `asyncio.create_task(coro)`.
///
/// `Send`, like step 2's `spawn_detached`: there the waker owns the task, future and
/// all, and a waker may go to any thread (see `BoxedFuture`). The output travels in
/// the slot, which the task and the handle share through an `Arc<Mutex<_>>`, so it
/// must be `Send` too.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let slot = Arc::new(Mutex::new(Slot {
        output: None,
        waiter: None,
    }));
    let theirs = Arc::clone(&slot);
    spawn_detached(async move {
        let output = future.await;
        let waiter = {
            let mut slot = lock(&theirs);
            slot.output = Some(output);
            slot.waiter.take()
        };
        // Wake outside the lock, so the woken side never waits for it.
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    });
    JoinHandle { slot }
}
