//! Step 1: `block_on`, one future on one thread.
//!
//! `asyncio.run(main())` hides a loop that keeps calling into `main` until it is
//! done. A Rust future is driven by calling `poll`; when `poll` says `Pending`, the
//! future has kept the [`Waker`] from the [`Context`], and will call it when it can
//! make progress. So the loop need not spin: it parks its thread, and the waker
//! unparks it.
//!
//! The chapter's `block_on` polls again whenever `park` returns. Yours does more:
//! it polls only after the waker was called. `park` may return with nobody having
//! called it (std allows spurious wake-ups, and any code holding the thread's handle
//! may unpark it), so the waker sets a flag, `woken`, before it unparks, and
//! `block_on` parks again while the flag is unset.

use std::future::Future;
use std::sync::Arc;
// Your code will use these. Then delete this line.
#[allow(unused_imports)]
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Wake, Waker};
use std::thread::Thread;

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
        // TODO: set `woken`, then unpark `self.thread` (in that order: a thread
        // that finds the flag unset and parks must be unparked after it is set).
        todo!("note the wake-up, unpark the thread")
    }
}

/// A [`Waker`] that unparks `thread`.
pub fn thread_waker(thread: Thread) -> Waker {
    Waker::from(Arc::new(ThreadWaker::new(thread)))
}

/// Run `future` to completion on this thread, sleeping whenever it is `Pending`
/// and polling it again only once its waker was called.
pub fn block_on<F: Future>(future: F) -> F::Output {
    // TODO: pin the future (`std::pin::pin!`); make an `Arc<ThreadWaker>` for this
    // thread, and keep it: a `Waker` made from a clone of it
    // (`Waker::from(Arc::clone(&signal))`) and a `Context` from that waker. Then
    // loop: poll; on `Ready` return the output; on `Pending` park the thread
    // until `woken` is set, clear it, and poll again.
    drop(future);
    todo!("poll, park until woken, poll again")
}
