//! Given: step 3's `JoinHandle`, apart from the loop.
//!
//! Step 3 wrapped the spawned future in one that fills a slot shared with the
//! handle. That wrapping never depended on the loop, and its slot was already an
//! `Arc<Mutex<_>>`, so it works on many threads as it is: [`joinable`] returns the
//! wrapped future, to be run as a task, and the handle.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use crate::spawn::lock;

/// What a task and its handle share.
struct Slot<T> {
    /// The output, once the task has finished.
    output: Option<T>,
    /// Whoever awaits the handle, to wake when the output comes.
    waiter: Option<Waker>,
}

/// The caller's side of a spawned task: a future for its output. Dropping it does
/// not stop the task.
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

/// `future`, wrapped so that its output goes to the returned handle.
pub fn joinable<F>(
    future: F,
) -> (
    impl Future<Output = ()> + Send + 'static,
    JoinHandle<F::Output>,
)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let slot = Arc::new(Mutex::new(Slot {
        output: None,
        waiter: None,
    }));
    let theirs = Arc::clone(&slot);
    let task = async move {
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
    };
    (task, JoinHandle { slot })
}
