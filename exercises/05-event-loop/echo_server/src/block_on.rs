//! Step 1: `block_on`, one future on one thread.
//!
//! `asyncio.run(main())` hides a loop that keeps calling into `main` until it is
//! done. A Rust future is driven by calling `poll`; when `poll` says `Pending`, the
//! future has kept the [`Waker`] from the [`Context`], and will call it when it can
//! make progress. So the loop need not spin: it parks its thread, and the waker
//! unparks it.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// A waker that unparks the thread blocked in [`block_on`].
pub struct ThreadWaker {
    pub thread: Thread,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // An unpark that comes before the park is remembered: the next `park`
        // returns at once, so a wake-up is never lost.
        self.thread.unpark();
    }
}

/// A [`Waker`] that unparks `thread`.
pub fn thread_waker(thread: Thread) -> Waker {
    Waker::from(Arc::new(ThreadWaker { thread }))
}

/// Run `future` to completion on this thread, sleeping whenever it is `Pending`.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = thread_waker(thread::current());
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            // `park` may return for no reason; then we poll again, which a
            // future must always allow.
            Poll::Pending => thread::park(),
        }
    }
}
