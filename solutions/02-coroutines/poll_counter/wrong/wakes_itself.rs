//! WRONG: wakes itself before every Pending "to be safe", so it is polled again at once: it spins.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

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
        self.polls += 1;
        // The same `cx`: if the inner future is not ready, it has stored this task's
        // waker, so its wake-up reaches the task that polls `Counted`.
        match self.inner.as_mut().poll(cx) {
            Poll::Ready(output) => Poll::Ready((output, self.polls)),
            Poll::Pending => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}
