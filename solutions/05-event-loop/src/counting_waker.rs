//! Exercise 1, solved: a waker that counts its wake-ups.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Wake;

// ANCHOR: solution
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
        self.wakes.load(Ordering::Relaxed)
    }
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    // The default `wake_by_ref` clones the `Arc` and calls `wake`; counting
    // through a reference saves that clone.
    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::Relaxed);
    }
}
// ANCHOR_END: solution
