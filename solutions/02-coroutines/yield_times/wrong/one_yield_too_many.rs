//! WRONG: counts after the check, so it yields n + 1 times.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The generator's frame holds `n` and how far the loop has got; so does the struct.
pub struct YieldTimes {
    n: u32,
    yielded: u32,
}

pub fn yield_times(n: u32) -> YieldTimes {
    YieldTimes { n, yielded: 0 }
}

impl Future for YieldTimes {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.yielded > self.n {
            return Poll::Ready(self.n);
        }
        self.yielded += 1;
        // asyncio puts a task that did a bare `yield` back on its ready queue by
        // itself; a Rust runtime needs to be told.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
