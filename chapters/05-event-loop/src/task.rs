//! Step 2, first half: a task, the unit the loop schedules.
//!
//! `asyncio.create_task(coro)` wraps a coroutine in a `Task`, puts it on the loop's
//! ready queue, and hands back the task, which is itself awaitable. Here a [`Task`]
//! owns one future and knows how to put itself back on the ready queue: that *is*
//! its waker. `std::task::Wake` turns an `Arc<Task>` into a [`Waker`], so waking a
//! task is "push this `Arc` onto the queue", with no `unsafe` and no lookup table.
//!
//! The caller gets a [`JoinHandle`], a future for the task's output, like awaiting
//! an asyncio `Task`. A task that panics is caught: its handle reports
//! [`JoinError::Panicked`], and the loop and every other task carry on, as asyncio
//! stores a task's exception in the task instead of crashing the loop.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};

use crate::event_loop::{Job, Shared};

// ANCHOR: task
/// Something the loop can run: a task, seen without its output type, so that tasks
/// of every type fit in one queue.
pub(crate) trait Runnable: Send + Sync {
    /// Poll the task's future once.
    fn run(self: Arc<Self>);
}

/// A spawned future, with what its [`JoinHandle`] needs.
pub(crate) struct Task<F: Future> {
    /// The future, boxed because `poll` needs it pinned, and `None` once finished
    /// so that a late wake-up finds nothing to poll.
    future: Mutex<Option<Pin<Box<F>>>>,
    /// The result, and the waker of whoever awaits the `JoinHandle`.
    output: Mutex<Output<F::Output>>,
    /// True while the task sits in the ready queue: ten wake-ups before it runs
    /// still queue it once.
    scheduled: AtomicBool,
    /// The loop's ready queue, where a wake-up puts the task.
    shared: Arc<Shared>,
}

struct Output<T> {
    result: Option<Result<T, JoinError>>,
    waiter: Option<Waker>,
}
// ANCHOR_END: task

impl<F> Task<F>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    /// A new task, already on the ready queue (asyncio's `create_task` schedules
    /// the first step with `call_soon` in the same way).
    pub(crate) fn spawn(future: F, shared: &Arc<Shared>) -> JoinHandle<F::Output> {
        let task = Arc::new(Task {
            future: Mutex::new(Some(Box::pin(future))),
            output: Mutex::new(Output {
                result: None,
                waiter: None,
            }),
            scheduled: AtomicBool::new(true),
            shared: Arc::clone(shared),
        });
        shared.push(Job::Task(task.clone()));
        JoinHandle { task }
    }

    fn finish(&self, result: Result<F::Output, JoinError>) {
        let waiter = {
            let mut output = lock(&self.output);
            output.result = Some(result);
            output.waiter.take()
        };
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    }
}

// ANCHOR: wake
impl<F> Wake for Task<F>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    fn wake(self: Arc<Self>) {
        // `swap` answers "was it already queued?" and marks it queued, in one step,
        // even if two threads wake the task at the same moment.
        if !self.scheduled.swap(true, Ordering::AcqRel) {
            let shared = Arc::clone(&self.shared);
            shared.push(Job::Task(self));
        }
    }

    fn wake_by_ref(self: &Arc<Self>) {
        Arc::clone(self).wake();
    }
}
// ANCHOR_END: wake

// ANCHOR: run
impl<F> Runnable for Task<F>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    fn run(self: Arc<Self>) {
        // Unmark first: a wake-up that comes *during* this poll must queue the task
        // again, or its news would be lost.
        self.scheduled.store(false, Ordering::Release);
        let mut slot = lock(&self.future);
        let Some(future) = slot.as_mut() else {
            return; // finished already: a stale wake-up
        };
        let waker = Waker::from(Arc::clone(&self));
        let mut cx = Context::from_waker(&waker);
        // A panic inside `poll` unwinds to here and no further: it ends this task,
        // not the loop. `AssertUnwindSafe` is our promise that nobody sees the
        // future half-updated afterwards, which holds because we drop it.
        let result = match panic::catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(&mut cx))) {
            Ok(Poll::Pending) => return,
            Ok(Poll::Ready(value)) => Ok(value),
            Err(payload) => Err(JoinError::Panicked(panic_message(payload.as_ref()))),
        };
        // Drop the finished future at once: its sockets and buffers go now, not
        // when the last JoinHandle goes.
        *slot = None;
        drop(slot);
        self.finish(result);
    }
}
// ANCHOR_END: run

// ANCHOR: join_handle
/// The caller's side of a spawned task: a future for its output.
///
/// Dropping it does not stop the task (tokio's rule, and asyncio's as long as the
/// loop holds the task); the task runs to the end on its own ("detached").
pub struct JoinHandle<T> {
    task: Arc<dyn TaskOutput<T>>,
}

/// A task seen from its handle: only its output type matters.
trait TaskOutput<T>: Send + Sync {
    fn poll_output(&self, cx: &mut Context<'_>) -> Poll<Result<T, JoinError>>;
}

impl<F> TaskOutput<F::Output> for Task<F>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    fn poll_output(&self, cx: &mut Context<'_>) -> Poll<Result<F::Output, JoinError>> {
        let mut output = lock(&self.output);
        match output.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                // Under the same lock `finish` takes: the result cannot arrive
                // between our look and our leaving a waker.
                output.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.task.poll_output(cx)
    }
}
// ANCHOR_END: join_handle

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

/// The text of a panic, which is a `&str` or a `String` for `panic!("...")`.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a non-text payload".to_string()
    }
}

// ANCHOR: yield_now
/// Give the other ready tasks a turn: `await asyncio.sleep(0)`.
///
/// The first poll wakes its own task, which puts it at the back of the ready
/// queue, and returns `Pending`; the second poll, once the others have run,
/// returns `Ready`.
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await;
}
// ANCHOR_END: yield_now

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every lock here guards a plain value that a panic cannot leave half-written
    // (a panicking task's future is dropped, never polled again).
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
