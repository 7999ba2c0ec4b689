//! Exercise 4 (medium): a future that is woken by someone else.
//!
//! ```python
//! class Latch:
//!     def __init__(self, count):
//!         self.remaining, self.done = count, asyncio.Event()
//!         if count == 0:
//!             self.done.set()
//!     def count_down(self):
//!         self.remaining = max(0, self.remaining - 1)
//!         if self.remaining == 0:
//!             self.done.set()        # wakes whoever waits
//!     async def wait(self):
//!         await self.done.wait()
//! ```
//!
//! A latch opens after `count` calls to `count_down` (three downloads finished, say);
//! one task waits for it. Python's `Event` does the waking for you. Here you write
//! it: the waiting future, when it must return `Pending`, leaves its task's waker
//! in the shared state, and the `count_down` that opens the latch wakes it.
//! `count_down` may be called from any thread, and the waiting task may move: keep
//! the waker of the *latest* poll.
//!
//! The `Mutex` is given, in `given.rs`: std's, with a hook the tests use to make
//! another thread's `count_down` land at the worst moment, between two of your
//! locks. Use it as you would use `std::sync::Mutex`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, PoisonError};
use std::task::{Context, Poll, Waker};

use crate::given::{Mutex, MutexGuard};

/// What the latch and its waiting future share.
// The stub does not read these fields yet; your code will. Then delete this line.
#[allow(dead_code)]
struct State {
    /// `count_down` calls still needed to open the latch.
    remaining: usize,
    /// The waker of the task waiting for the latch, left there by its latest poll.
    waker: Option<Waker>,
}

/// Cloning shares the latch (one `Arc`), so each worker can hold one.
#[derive(Clone)]
pub struct Latch {
    state: Arc<Mutex<State>>,
}

/// The future `Latch::wait` returns: ready once the latch is open.
pub struct Wait {
    state: Arc<Mutex<State>>,
}

impl Latch {
    pub fn new(count: usize) -> Latch {
        let state = State {
            remaining: count,
            waker: None,
        };
        Latch {
            state: Arc::new(Mutex::new(state)),
        }
    }

    pub fn wait(&self) -> Wait {
        Wait {
            state: Arc::clone(&self.state),
        }
    }
}

/// Lock the state. A panic while it was held cannot leave it half-written.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

// ANCHOR: exercise
impl Latch {
    pub fn count_down(&self) {
        // TODO: one count fewer (never below 0); if that opened the latch, take the
        // waker out of the state and wake it (after unlocking).
        let _state = lock(&self.state); // Only silences "unused" warnings: delete it.
        todo!("count down, and wake the waiting task when the latch opens")
    }
}

impl Future for Wait {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: ready if the latch is open; else leave this poll's waker in the
        // state (under the same lock you checked under) and return Pending.
        let _state = (lock(&self.state), cx); // Only silences "unused" warnings: delete it.
        todo!("wait for the latch to open")
    }
}
// ANCHOR_END: exercise
