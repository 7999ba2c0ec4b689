//! WRONG: the deadline is polled before the work, so a result ready at the deadline is lost.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::{Sleep, sleep};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

pub struct Timeout<F> {
    work: Pin<Box<F>>,
    deadline: Pin<Box<Sleep>>,
}

pub fn with_timeout<F: Future>(work: F, limit: Duration) -> Timeout<F> {
    Timeout {
        work: Box::pin(work),
        deadline: Box::pin(sleep(limit)),
    }
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.deadline.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Err(Elapsed));
        }
        self.work.as_mut().poll(cx).map(Ok)
    }
}
