//! Step 1: `block_on`, one future on one thread.
//!
//! `asyncio.run(main())` hides a loop that keeps calling into `main` until it is
//! done. A Rust future is driven by calling `poll`; when `poll` says `Pending`, the
//! future has kept the [`Waker`] from the [`Context`], and will call it when it can
//! make progress. So the loop need not spin: it parks its thread, and the waker
//! unparks it.

use std::future::Future;
use std::sync::Arc;
use std::task::{Wake, Waker};
use std::thread::Thread;

/// A waker that unparks the thread blocked in [`block_on`].
pub struct ThreadWaker {
    pub thread: Thread,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        // TODO: wake the thread that is (or soon will be) parked in `block_on`.
        todo!("unpark self.thread")
    }
}

/// A [`Waker`] that unparks `thread`.
pub fn thread_waker(thread: Thread) -> Waker {
    Waker::from(Arc::new(ThreadWaker { thread }))
}

/// Run `future` to completion on this thread, sleeping whenever it is `Pending`.
pub fn block_on<F: Future>(future: F) -> F::Output {
    // TODO: pin the future (`std::pin::pin!`), make a waker for this thread and a
    // `Context` from it, then loop: poll; on `Ready` return the output; on
    // `Pending` park the thread until the waker unparks it.
    drop(future);
    todo!("poll, park, poll again")
}
