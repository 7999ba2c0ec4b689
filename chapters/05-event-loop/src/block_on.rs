//! Step 1: `block_on`, the smallest event loop there is: one future, one thread.
//!
//! `asyncio.run(main())` hides a loop that keeps calling into `main` until it is
//! done. A Rust future is driven the same way, by calling `poll`, with one rule that
//! makes the loop efficient: when `poll` returns `Pending`, the future has arranged
//! for its [`Waker`] to be called when it can make progress. So the loop need not
//! spin; it can put its thread to sleep and let the waker wake it.
//!
//! Here the waker is a handle to the blocked thread, and waking is
//! [`std::thread::Thread::unpark`]. [`std::task::Wake`] turns any `Arc<T: Wake>`
//! into a `Waker` without a line of `unsafe`.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: thread_waker
/// A waker that unparks the thread blocked in [`block_on`].
struct ThreadWaker {
    thread: Thread,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // If the thread is not parked yet, the next `park` returns at once: a wake
        // that comes "too early" is remembered, never lost.
        self.thread.unpark();
    }
}
// ANCHOR_END: thread_waker

/// A [`Waker`] that unparks `thread`. Step 2's loop waits this way too, until a
/// later step gives it an OS event queue to wait in.
pub fn thread_waker(thread: Thread) -> Waker {
    Waker::from(Arc::new(ThreadWaker { thread }))
}

// ANCHOR: block_on
/// Run `future` to completion on this thread, sleeping whenever it is `Pending`.
pub fn block_on<F: Future>(future: F) -> F::Output {
    // `poll` takes `Pin<&mut F>`: a future may hold references into itself, so it
    // must not move once polled. `pin!` pins it here, on this stack frame.
    let mut future = pin!(future);
    let waker = thread_waker(thread::current());
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            // Sleep until the waker unparks us. `park` may also return for no
            // reason (a "spurious wake-up"); then we poll once more, which is
            // always allowed: a future must cope with being polled too often.
            Poll::Pending => thread::park(),
        }
    }
}
// ANCHOR_END: block_on

// ANCHOR: woken_by_thread
/// A future that finishes once another thread has done some work: the thread
/// stores the result and calls the waker, as an IO driver or a timer would.
pub struct FromThread<T> {
    shared: Arc<std::sync::Mutex<Handoff<T>>>,
    /// How many times `poll` was called: the demo and the tests show it is two,
    /// once to start and once after the wake, not thousands.
    pub polls: u32,
}

struct Handoff<T> {
    result: Option<T>,
    waker: Option<Waker>,
}

impl<T: Send + 'static> FromThread<T> {
    /// Run `work` on a new thread; the future resolves to what it returns.
    pub fn spawn(work: impl FnOnce() -> T + Send + 'static) -> Self {
        let shared = Arc::new(std::sync::Mutex::new(Handoff {
            result: None,
            waker: None,
        }));
        let theirs = Arc::clone(&shared);
        thread::spawn(move || {
            let value = work();
            let waker = {
                let mut handoff = lock(&theirs);
                handoff.result = Some(value);
                handoff.waker.take()
            };
            // Wake outside the lock, so the woken side never waits for it.
            if let Some(waker) = waker {
                waker.wake();
            }
        });
        FromThread { shared, polls: 0 }
    }
}

impl<T> Future for FromThread<T> {
    type Output = T;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        self.polls += 1;
        let mut handoff = lock(&self.shared);
        match handoff.result.take() {
            Some(value) => Poll::Ready(value),
            None => {
                // Store the waker *before* returning Pending, under the same lock
                // the thread takes to store the result: the result cannot slip in
                // between "not ready" and "here is how to wake me".
                handoff.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: woken_by_thread

fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // The data is a plain Option; a panic elsewhere cannot leave it half-written.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn block_on_returns_the_output_of_a_ready_future() {
        assert_eq!(block_on(async { 6 * 7 }), 42);
    }

    #[test]
    fn a_future_woken_from_another_thread_is_polled_exactly_twice() {
        let mut future = FromThread::spawn(|| {
            thread::sleep(Duration::from_millis(20));
            "done"
        });
        let value = block_on(async {
            let value = (&mut future).await;
            (value, future.polls)
        });
        // Twice: once to start (Pending), once after the wake (Ready). A loop that
        // spun instead of parking would have polled thousands of times.
        assert_eq!(value, ("done", 2));
    }

    #[test]
    fn a_wake_before_the_thread_parks_is_not_lost() {
        // The work finishes at once, often before `block_on` reaches `park`; the
        // unpark is remembered, so this cannot hang.
        assert_eq!(block_on(FromThread::spawn(|| 7)), 7);
    }

    #[test]
    fn block_on_drives_nested_async_code() {
        async fn double(n: u32) -> u32 {
            FromThread::spawn(move || n * 2).await
        }
        assert_eq!(block_on(async { double(1).await + double(2).await }), 6);
    }
}
