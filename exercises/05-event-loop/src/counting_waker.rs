//! Exercise 1 (easy): a waker that counts its wake-ups.
//!
//! A `Waker` is a handle to "whatever should happen when this future can make
//! progress". The loop's wakers re-queue a task; this one only counts, which is
//! what a test needs to check that a future wakes its task exactly when it should
//! (not never, which hangs; not in a loop, which spins).

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::task::Wake;

// ANCHOR: exercise
/// Counts how many times any of its `Waker`s was woken.
#[derive(Debug, Default)]
pub struct CountingWaker {
    pub wakes: AtomicUsize,
}

impl CountingWaker {
    /// A new counter at zero, in the `Arc` that `Waker::from` needs.
    pub fn new() -> Arc<Self> {
        Arc::new(CountingWaker::default())
    }

    /// How many wake-ups so far.
    pub fn count(&self) -> usize {
        // TODO: read the counter.
        todo!("read the wake-up count")
    }
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        // TODO: add one to the counter. (Wakers may be called from any thread, so
        // the counter is atomic; `Ordering::Relaxed` is enough for a count.)
        todo!("count this wake-up")
    }
}
// ANCHOR_END: exercise
