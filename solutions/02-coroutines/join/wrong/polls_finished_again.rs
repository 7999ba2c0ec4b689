//! WRONG: polls both futures on every poll, also one that has already returned Ready.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub struct Join<A: Future, B: Future> {
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    a_output: Option<A::Output>,
    b_output: Option<B::Output>,
}

impl<A: Future, B: Future> Unpin for Join<A, B> {}

pub fn join<A: Future, B: Future>(a: A, b: B) -> Join<A, B> {
    Join {
        a: Box::pin(a),
        b: Box::pin(b),
        a_output: None,
        b_output: None,
    }
}

impl<A: Future, B: Future> Future for Join<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // "Poll both, every time": even the one whose output is already kept.
        if let Poll::Ready(a) = this.a.as_mut().poll(cx) {
            this.a_output = Some(a);
        }
        if let Poll::Ready(b) = this.b.as_mut().poll(cx) {
            this.b_output = Some(b);
        }
        if this.a_output.is_some() && this.b_output.is_some() {
            if let (Some(a), Some(b)) = (this.a_output.take(), this.b_output.take()) {
                return Poll::Ready((a, b));
            }
        }
        Poll::Pending
    }
}
