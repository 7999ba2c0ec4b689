// Not a module of the crate: `pinning.rs` includes this file as a doctest that must
// FAIL to compile, so `cargo test --doc` proves the error below is still real.
// ANCHOR: pin_new_async
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

fn main() {
    let mut future = async { 42 };
    let mut cx = Context::from_waker(Waker::noop());
    // `Pin::new` is only for types that do not care about moving (`Unpin`).
    let polled = Pin::new(&mut future).poll(&mut cx);
    assert_eq!(polled, Poll::Ready(42));
}
// ANCHOR_END: pin_new_async
