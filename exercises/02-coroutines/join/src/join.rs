//! Exercise 5 (hard): `join` written by hand.
//!
//! `tokio::join!(a, b)` (Python's `asyncio.gather(a, b)`) runs two futures at once
//! inside one task and gives back both outputs, in argument order. Write it: a
//! [`Join`] future that polls both futures until both are done.
//!
//! Three rules a runtime relies on:
//! - whenever `Join` is polled, poll every future that is not finished yet, since
//!   either may be the one that woke the task;
//! - never poll a future again once it has returned `Ready` (an `async` block
//!   panics if you do): keep its output instead;
//! - return `Pending` only when one of them did: a future that returned `Pending`
//!   has arranged to wake the task, so `Join` will be polled again.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: exercise
pub struct Join<A: Future, B: Future> {
    // TODO: the two futures (boxed with `Box::pin`, so that they can be polled
    // without `unsafe`) and a place for each output until the other one is done.
    // Replace this marker with your fields.
    _futures: PhantomData<(A, B)>,
}

// The futures are boxed, so nothing inside `Join` is pinned in place and moving a
// `Join` is harmless even when an output type is not `Unpin`. This lets `poll` use
// `&mut *self`.
impl<A: Future, B: Future> Unpin for Join<A, B> {}

pub fn join<A: Future, B: Future>(a: A, b: B) -> Join<A, B> {
    // TODO: a `Join` that has polled neither future yet.
    let _ = (a, b);
    todo!("build the Join")
}

impl<A: Future, B: Future> Future for Join<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: poll each future that has not finished, keep each output, and
        // return both once both are done.
        let _ = cx;
        todo!("poll both futures")
    }
}
// ANCHOR_END: exercise
