//! WRONG: a new `sleep(limit)` is made at every poll, so each wake-up pushes the deadline back.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::sleep;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

pub struct Timeout<F> {
    work: Pin<Box<F>>,
    limit: Duration,
}

pub fn with_timeout<F: Future>(work: F, limit: Duration) -> Timeout<F> {
    Timeout {
        work: Box::pin(work),
        limit,
    }
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(output) = self.work.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        let deadline = std::pin::pin!(sleep(self.limit));
        deadline.poll(cx).map(|()| Err(Elapsed))
    }
}
