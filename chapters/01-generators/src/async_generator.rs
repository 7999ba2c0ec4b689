//! A generator built from `async`/`await`, on stable Rust.
//!
//! An `async fn` compiles to the same thing as the enums in [`multi_yield`] and
//! [`send`]: a state machine with one variant per `.await` where it can stop, holding
//! the locals alive there. Polling it runs the body to its next suspension point;
//! `Poll::Pending` means "stopped, call me again". That is a generator in all but
//! name, and we can use it as one:
//!
//! - the body gets a [`Co`] handle; `co.yield_(value).await` puts `value` in a shared
//!   slot and returns `Pending` once, which suspends the body right there;
//! - [`Generator::next`] polls the body once with a waker that does nothing (nobody
//!   needs waking: the caller of `next` is the one who resumes it), then takes the
//!   value out of the slot.
//!
//! The crates `genawaiter` and `async-stream` are built this way. Nightly Rust has
//! `gen` blocks (`gen { yield 1; yield 2; }`) that the compiler turns into an
//! `Iterator` directly, from the same machinery.
//!
//! [`multi_yield`]: crate::multi_yield
//! [`send`]: crate::send

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

// ANCHOR: co
/// The body's side of the generator: where it puts the values it yields.
pub struct Co<Y> {
    slot: Rc<Cell<Option<Y>>>,
}

impl<Y> Co<Y> {
    /// Hand `value` out and suspend until the next call to `next`.
    pub async fn yield_(&self, value: Y) {
        self.slot.set(Some(value));
        SuspendOnce { suspended: false }.await;
    }
}

/// A future that is `Pending` the first time it is polled and `Ready` the second:
/// the one suspension point of a `yield`.
struct SuspendOnce {
    suspended: bool,
}

impl Future for SuspendOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.suspended {
            Poll::Ready(())
        } else {
            self.suspended = true;
            Poll::Pending
        }
    }
}
// ANCHOR_END: co

// ANCHOR: generator
/// The caller's side: an `Iterator` that resumes the body once per `next`.
pub struct Generator<Y> {
    slot: Rc<Cell<Option<Y>>>,
    /// `None` once the body has returned, so a finished generator stays finished.
    body: Option<Pin<Box<dyn Future<Output = ()>>>>,
}

/// Make a generator from an async body, as calling a Python generator function
/// does: the body does not start until the first `next`.
pub fn generator<Y, F, Fut>(body: F) -> Generator<Y>
where
    F: FnOnce(Co<Y>) -> Fut,
    Fut: Future<Output = ()> + 'static,
{
    let slot = Rc::new(Cell::new(None));
    let co = Co {
        slot: Rc::clone(&slot),
    };
    Generator {
        slot,
        body: Some(Box::pin(body(co))),
    }
}

impl<Y> Iterator for Generator<Y> {
    type Item = Y;

    fn next(&mut self) -> Option<Y> {
        let body = self.body.as_mut()?;
        let mut cx = Context::from_waker(Waker::noop());
        match body.as_mut().poll(&mut cx) {
            // The body stopped at a `yield_`, which filled the slot.
            Poll::Pending => Some(
                self.slot
                    .take()
                    .expect("a generator body may only await its own `co.yield_`"),
            ),
            // The body returned: StopIteration.
            Poll::Ready(()) => {
                self.body = None;
                None
            }
        }
    }
}
// ANCHOR_END: generator

// ANCHOR: examples
/// `multi_yield` again, now written the way Python writes it.
pub fn multi_yield() -> Generator<String> {
    generator(|co| async move {
        let yield_str = "This will print the first string".to_string();
        co.yield_(yield_str).await;
        let yield_str = "This will print the second string".to_string();
        co.yield_(yield_str).await;
    })
}

/// `infinite_sequence` again: a `loop` that never ends, and that is fine.
pub fn infinite_sequence() -> Generator<u64> {
    generator(|co| async move {
        let mut num = 0;
        loop {
            co.yield_(num).await;
            num += 1;
        }
    })
}
// ANCHOR_END: examples

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_async_multi_yield_matches_the_hand_written_one() {
        assert_eq!(
            multi_yield().collect::<Vec<_>>(),
            crate::multi_yield::multi_yield().collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_async_infinite_sequence_is_lazy() {
        assert_eq!(
            infinite_sequence().take(5).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
    }

    #[test]
    fn the_body_does_not_start_until_the_first_next() {
        let started = Rc::new(Cell::new(false));
        let flag = Rc::clone(&started);
        let mut numbers = generator(move |co| async move {
            flag.set(true);
            co.yield_(1).await;
        });
        assert!(
            !started.get(),
            "like calling a Python generator function: nothing ran"
        );
        assert_eq!(numbers.next(), Some(1));
        assert!(started.get());
    }

    #[test]
    fn code_after_a_yield_runs_only_on_the_next_resume() {
        let steps = Rc::new(Cell::new(0));
        let counter = Rc::clone(&steps);
        let mut gen_ = generator(move |co| async move {
            counter.set(1);
            co.yield_("a").await;
            counter.set(2);
            co.yield_("b").await;
            counter.set(3);
        });
        assert_eq!((gen_.next(), steps.get()), (Some("a"), 1));
        assert_eq!((gen_.next(), steps.get()), (Some("b"), 2));
        assert_eq!((gen_.next(), steps.get()), (None, 3));
        assert_eq!(gen_.next(), None, "a finished generator stays finished");
    }
}
