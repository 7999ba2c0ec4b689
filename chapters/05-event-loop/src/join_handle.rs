//! Step 3: `spawn` with a `JoinHandle`, a future for the task's output.
//!
//! In asyncio, `create_task` returns the task itself, and awaiting it gives the
//! coroutine's result or raises its exception. Step 2's tasks return nothing and
//! nobody can wait for them. A [`JoinHandle`] adds exactly that, on top of step 2
//! and without changing it: the spawned future is wrapped in one that, when the
//! real one finishes, puts the output in a slot shared with the handle and wakes
//! whoever awaits the handle.
//!
//! A task that panics is caught here too: its handle reports
//! [`JoinError::Panicked`], as asyncio stores a task's exception in the task for
//! the awaiter instead of crashing the loop.

use std::fmt;
use std::future::{Future, poll_fn};
use std::panic::{self, AssertUnwindSafe};
use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use crate::event_loop::{lock, panic_message, spawn_detached};

// ANCHOR: join_handle
/// What the task and its handle share.
struct Slot<T> {
    /// The outcome, once the task has one.
    result: Option<Result<T, JoinError>>,
    /// Whoever awaits the handle, to wake when the result comes.
    waiter: Option<Waker>,
}

/// The caller's side of a spawned task: a future for its output.
///
/// Dropping it does not stop the task (tokio's rule; asyncio's too, as long as the
/// loop holds the task): the task runs to the end on its own, "detached".
pub struct JoinHandle<T> {
    /// An `Arc<Mutex<..>>` rather than `Rc<RefCell<..>>`, so that step 10's tasks,
    /// which move between threads, can hold a handle too.
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = lock(&self.slot);
        match slot.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                // Keep the newest waker: the handle may have moved to another task
                // since its last poll, and the old task must not be the one woken.
                slot.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: join_handle

// ANCHOR: spawn
/// Run `future` as a task of the running loop: `asyncio.create_task(coro)`.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
{
    let (task, handle) = joinable(future);
    spawn_detached(task);
    handle
}

/// Split `future` into the task to run (it stores the output) and the handle
/// that awaits that output. Step 10's `spawn` runs the same pair on many threads.
pub fn joinable<F: Future>(future: F) -> (impl Future<Output = ()>, JoinHandle<F::Output>) {
    let slot = Arc::new(Mutex::new(Slot {
        result: None,
        waiter: None,
    }));
    let theirs = Arc::clone(&slot);
    let task = async move {
        let result = catch_panic(future).await;
        let waiter = {
            let mut slot = lock(&theirs);
            slot.result = Some(result);
            slot.waiter.take()
        };
        // Wake after the lock ends: the woken task may poll the handle at once
        // on some other loop, and must find the slot free.
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    };
    (task, JoinHandle { slot })
}

/// Poll `future` to the end; a panic in it becomes `JoinError::Panicked`.
async fn catch_panic<F: Future>(future: F) -> Result<F::Output, JoinError> {
    let mut future = pin!(future);
    poll_fn(|cx| {
        // `AssertUnwindSafe`: after a panic nobody looks at the future again.
        match panic::catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
            Err(payload) => Poll::Ready(Err(JoinError::Panicked(panic_message(payload.as_ref())))),
        }
    })
    .await
}
// ANCHOR_END: spawn

/// Why a task has no output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinError {
    /// The task panicked; the message is the panic's.
    Panicked(String),
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Panicked(message) => write!(f, "the task panicked: {message}"),
        }
    }
}

impl std::error::Error for JoinError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block_on::FromThread;
    use crate::event_loop::{EventLoop, yield_now};
    use std::cell::Cell;
    use std::rc::Rc;

    #[test]
    fn a_join_handle_gives_the_task_output() {
        let result = EventLoop::new().run(async { spawn(async { "from a task" }).await });
        assert_eq!(result, Ok("from a task"));
    }

    #[test]
    fn handles_give_outputs_in_the_order_awaited_whatever_order_tasks_end() {
        let outputs = EventLoop::new().run(async {
            let slow = spawn(async {
                for _ in 0..10 {
                    yield_now().await;
                }
                "slow"
            });
            let fast = spawn(async { "fast" });
            [slow.await, fast.await]
        });
        assert_eq!(outputs, [Ok("slow"), Ok("fast")]);
    }

    #[test]
    fn a_task_that_panics_reports_it_and_the_others_finish() {
        let event_loop = EventLoop::new();
        let (failed, fine) = event_loop.run(async {
            let failed = spawn(async {
                yield_now().await;
                panic!("boom");
            });
            let fine = spawn(async {
                yield_now().await;
                yield_now().await;
                "still running"
            });
            (failed.await, fine.await)
        });
        assert_eq!(failed, Err(JoinError::Panicked("boom".into())));
        assert_eq!(fine, Ok("still running"));
    }

    #[test]
    fn a_task_finished_before_its_handle_is_awaited_still_gives_its_output() {
        let output = EventLoop::new().run(async {
            let handle = spawn(async { 5 });
            for _ in 0..3 {
                yield_now().await; // the task finishes meanwhile
            }
            handle.await
        });
        assert_eq!(output, Ok(5));
    }

    #[test]
    fn a_handle_awaited_from_another_task_wakes_that_task() {
        let output = EventLoop::new().run(async {
            let work = spawn(FromThread::spawn(|| 21));
            // The handle moves into a second task, which awaits it.
            spawn(async move { work.await.map(|n| n * 2) }).await
        });
        assert_eq!(output, Ok(Ok(42)));
    }

    #[test]
    fn dropping_a_join_handle_does_not_stop_the_task() {
        let ran = Rc::new(Cell::new(false));
        let flag = Rc::clone(&ran);
        EventLoop::new().run(async move {
            drop(spawn(async move { flag.set(true) }));
            yield_now().await;
        });
        assert!(ran.get());
    }
}
