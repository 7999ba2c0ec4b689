//! Exercise 5 (hard): a oneshot channel, completed from another thread.
//!
//! ```python
//! fut = loop.create_future()
//! threading.Thread(target=lambda: loop.call_soon_threadsafe(fut.set_result, 42)).start()
//! print(await fut)
//! ```
//!
//! Build the `futures::channel::oneshot` of the chapter yourself. The [`Sender`] may
//! be moved to another thread and used there; the [`Receiver`] is a future that
//! gives `Ok(value)` once the value is sent. And unlike a Python future whose
//! callback was lost, it must not wait forever: if the sender is dropped without
//! sending, the receiver gives `Err(Canceled)`.
//!
//! Remember the contract of `poll`: before returning `Pending`, make sure that
//! someone will wake the waker of this very poll.
//!
//! The `Mutex` is given, in `given.rs`: std's, with a hook the tests use to make
//! another thread's `send` land at the worst moment, between two of your locks. Use
//! it as you would use `std::sync::Mutex`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use crate::given::Mutex;

// ANCHOR: exercise
/// The error of a receiver whose sender was dropped without sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Canceled;

/// What the two halves share.
// The stub does not read these fields yet; your code will. Then delete this line.
#[allow(dead_code)]
struct State<T> {
    value: Option<T>,
    sender_gone: bool,
    waker: Option<Waker>,
}

pub struct Sender<T> {
    state: Arc<Mutex<State<T>>>,
}

pub struct Receiver<T> {
    state: Arc<Mutex<State<T>>>,
}

pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let state = Arc::new(Mutex::new(State {
        value: None,
        sender_gone: false,
        waker: None,
    }));
    let sender = Sender {
        state: Arc::clone(&state),
    };
    (sender, Receiver { state })
}

impl<T> Sender<T> {
    /// Send `value` to the receiver, waking it if it is waiting.
    pub fn send(self, value: T) {
        // TODO: store the value and wake the receiver's waker, if it left one.
        // (`self` is dropped at the end of this method, so `Drop` below runs too.)
        let _ = (value, &self.state); // Only silences "unused" warnings: delete it.
        todo!("send the value")
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        // TODO: note that the sender is gone and wake the receiver, so that a
        // receiver whose value will never come is not left waiting forever.
        //
        // (No `todo!()` here on purpose: a panic inside `drop` while a test is
        // already failing would abort the whole test run.)
    }
}

impl<T> Future for Receiver<T> {
    type Output = Result<T, Canceled>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: the value if it is there; else `Canceled` if the sender is gone;
        // else keep `cx.waker()` for the sender to wake, and return `Pending`.
        let _ = (&self.state, cx); // Only silences "unused" warnings: delete it.
        todo!("poll the receiver")
    }
}
// ANCHOR_END: exercise
