//! WRONG: the deadline is started at the first poll, so a Timeout awaited late ends late.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::{Sleep, sleep};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

pub struct Timeout<F> {
    work: Pin<Box<F>>,
    limit: Duration,
    deadline: Option<Pin<Box<Sleep>>>,
}

pub fn with_timeout<F: Future>(work: F, limit: Duration) -> Timeout<F> {
    Timeout {
        work: Box::pin(work),
        limit,
        deadline: None,
    }
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(output) = self.work.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        let limit = self.limit;
        let deadline = self.deadline.get_or_insert_with(|| Box::pin(sleep(limit)));
        deadline.as_mut().poll(cx).map(|()| Err(Elapsed))
    }
}
