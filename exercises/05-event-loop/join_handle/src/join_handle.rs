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

#[allow(unused_imports)] // you will need them
use crate::spawn::{lock, spawn_detached};

/// What a task and its handle share.
// The stub does not read these yet; your code will. Then delete this line.
#[allow(dead_code)]
struct Slot<T> {
    /// The output, once the task has finished.
    output: Option<T>,
    /// Whoever awaits the handle, to wake when the output comes.
    waiter: Option<Waker>,
}

/// The caller's side of a spawned task: a future for its output. Dropping it
/// does not stop the task.
// The stub does not read these yet; your code will. Then delete this line.
#[allow(dead_code)]
pub struct JoinHandle<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // TODO: under the slot's lock: if the output is there, take it and return
        // `Ready`; if not, keep `cx.waker()` as the waiter and return `Pending`.
        let _ = (self, cx);
        todo!("ready, or keep the waker")
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
    // TODO: make the shared slot; spawn (with `spawn_detached`) a task that awaits
    // `future`, puts the output in the slot and wakes the waiter if there is one
    // (outside the lock); return a handle on the slot.
    drop(future);
    todo!("spawn the task, return its handle")
}
