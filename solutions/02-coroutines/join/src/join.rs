//! Exercise 5, solved: `join` written by hand.

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: solution
/// One side of the join: still running, finished with its output kept, or its
/// output already handed over.
enum MaybeDone<F: Future> {
    Running(Pin<Box<F>>),
    Done(F::Output),
    Taken,
}

impl<F: Future> MaybeDone<F> {
    /// Poll the future if it is still running; `true` once its output is here.
    fn poll(&mut self, cx: &mut Context<'_>) -> bool {
        if let MaybeDone::Running(future) = self {
            match future.as_mut().poll(cx) {
                // The future is dropped here, so it can never be polled again.
                Poll::Ready(output) => *self = MaybeDone::Done(output),
                Poll::Pending => return false,
            }
        }
        matches!(self, MaybeDone::Done(_))
    }

    fn take(&mut self) -> Option<F::Output> {
        match mem::replace(self, MaybeDone::Taken) {
            MaybeDone::Done(output) => Some(output),
            _ => None,
        }
    }
}

pub struct Join<A: Future, B: Future> {
    a: MaybeDone<A>,
    b: MaybeDone<B>,
}

// The futures are boxed, so nothing inside `Join` is pinned in place and moving a
// `Join` is harmless even when an output type is not `Unpin`. This lets `poll` use
// `&mut *self`.
impl<A: Future, B: Future> Unpin for Join<A, B> {}

pub fn join<A: Future, B: Future>(a: A, b: B) -> Join<A, B> {
    Join {
        a: MaybeDone::Running(Box::pin(a)),
        b: MaybeDone::Running(Box::pin(b)),
    }
}

impl<A: Future, B: Future> Future for Join<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // Poll both before deciding: `a_done && this.b.poll(cx)` would skip `b`
        // whenever `a` is pending, and `b` would never start.
        let a_done = this.a.poll(cx);
        let b_done = this.b.poll(cx);
        if !(a_done && b_done) {
            // At least one returned Pending and will wake the task.
            return Poll::Pending;
        }
        match (this.a.take(), this.b.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            _ => panic!("`Join` polled after it returned Ready"),
        }
    }
}
// ANCHOR_END: solution
