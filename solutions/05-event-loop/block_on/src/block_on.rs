//! Step 1: `block_on`, one future on one thread.
//!
//! `asyncio.run(main())` hides a loop that keeps calling into `main` until it is
//! done. A Rust future is driven by calling `poll`; when `poll` says `Pending`, the
//! future has kept the [`Waker`] from the [`Context`], and will call it when it can
//! make progress. So the loop need not spin: it parks its thread, and the waker
//! unparks it.
//!
//! The chapter's `block_on` polls again whenever `park` returns. But `park` may
//! return with nobody having called the waker: std allows spurious wake-ups, and any
//! code holding the thread's handle may unpark it. This one polls only after a
//! wake-up: the waker sets a flag before it unparks, and `block_on` parks again
//! while the flag is unset.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// A waker that unparks the thread blocked in [`block_on`], and notes that it did.
pub struct ThreadWaker {
    pub thread: Thread,
    /// Set by a wake-up, cleared by `block_on` before it polls again: "the future
    /// asked to be polled". An unpark alone cannot say so.
    pub woken: AtomicBool,
}

impl ThreadWaker {
    pub fn new(thread: Thread) -> Self {
        ThreadWaker {
            thread,
            woken: AtomicBool::new(false),
        }
    }
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // The flag first, then the unpark: a thread that finds the flag unset and
        // parks is sure to be unparked after it is set. An unpark that comes before
        // the park is remembered (the next `park` returns at once), so a wake-up is
        // never lost.
        self.woken.store(true, Ordering::Release);
        self.thread.unpark();
    }
}

/// A [`Waker`] that unparks `thread`.
pub fn thread_waker(thread: Thread) -> Waker {
    Waker::from(Arc::new(ThreadWaker::new(thread)))
}

/// Run `future` to completion on this thread, sleeping whenever it is `Pending`
/// and polling it again only once its waker was called.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let signal = Arc::new(ThreadWaker::new(thread::current()));
    let waker = Waker::from(Arc::clone(&signal));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Clearing the flag and testing it is one step (`swap`), so a wake-up
        // during the poll just made is seen here, not lost. `park` may return for
        // no reason: then the flag is still unset, and we park again.
        while !signal.woken.swap(false, Ordering::Acquire) {
            thread::park();
        }
    }
}
