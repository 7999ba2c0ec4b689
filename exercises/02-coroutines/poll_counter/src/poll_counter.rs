//! Exercise 3 (medium): a future that wraps another one.
//!
//! ```python
//! class Counted:
//!     """Await `inner`, and count how often the event loop resumed it."""
//!     def __init__(self, inner):
//!         self.inner, self.polls = inner.__await__(), 0
//!     def __await__(self):
//!         while True:
//!             self.polls += 1
//!             try:
//!                 request = self.inner.send(None)
//!             except StopIteration as done:
//!                 return done.value, self.polls
//!             yield request      # pass the inner's request up to the loop
//! ```
//!
//! `Counted` is awaitable because it passes each "resume me" of the inner coroutine
//! up to the event loop. In Rust, polling is that resuming. Write [`Counted`]: each
//! `poll` polls the inner future once, with the very `Context` it was given (so that
//! the inner future's wake-up reaches the task), counts the poll, and, once the inner
//! future is ready, returns its output with the number of polls it took.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: exercise
pub struct Counted<F> {
    /// The wrapped future, boxed so it can be polled without `unsafe` (`Box::pin`).
    inner: Pin<Box<F>>,
    /// How often the inner future has been polled.
    polls: u32,
}

pub fn counted<F: Future>(inner: F) -> Counted<F> {
    Counted {
        inner: Box::pin(inner),
        polls: 0,
    }
}

impl<F: Future> Future for Counted<F> {
    type Output = (F::Output, u32);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: poll the inner future once with `cx` (`self.inner.as_mut().poll(cx)`),
        // count it, and give back its output with the count once it is ready. Return
        // Pending when it does: it has then arranged for the task to be woken.
        // Only silence "unused" warnings: delete them.
        let _ = (self.polls, cx);
        let _inner = self.inner.as_mut();
        todo!("poll the inner future and count")
    }
}
// ANCHOR_END: exercise
