//! Exercise 1, solved: a timeout written by hand, with both of its futures kept in a
//! struct.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::{Sleep, sleep};

/// The limit passed before the work finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

// ANCHOR: solution
/// The future [`with_timeout`] returns. Both futures are boxed and pinned: a
/// `Pin<Box<_>>` can be polled through `as_mut()` and is `Unpin` whatever it holds,
/// so `Timeout` is `Unpin` too and its `poll` may use `self` like a `&mut Timeout`.
pub struct Timeout<F> {
    work: Pin<Box<F>>,
    deadline: Pin<Box<Sleep>>,
}

/// Run `work`, but give up once `limit` has passed since this call.
pub fn with_timeout<F: Future>(work: F, limit: Duration) -> Timeout<F> {
    Timeout {
        work: Box::pin(work),
        // `sleep` reads the clock now: the deadline is fixed here, not at a poll.
        deadline: Box::pin(sleep(limit)),
    }
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(output) = self.work.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        self.deadline.as_mut().poll(cx).map(|()| Err(Elapsed))
    }
}
// ANCHOR_END: solution
