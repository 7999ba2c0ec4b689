//! Pin, from the problem up: why a future must stay where it is once it has started.
//!
//! A Python coroutine's frame lives on the heap, and every name that refers to it holds
//! a pointer; moving "the coroutine" from one list to another moves a pointer, never the
//! frame. A Rust future is a plain value, as big as the locals it keeps across its
//! `.await`s, and plain values move: into a `Vec`, into a task, out of a function.
//!
//! That is harmless until a future borrows from itself. An `async` block that takes
//! `&buffer` of its own local `buffer` and keeps the borrow across an `.await` stores
//! both in one struct: the borrow is an address *inside that struct*. Move the struct
//! and the borrow still points at the old place. [`SelfAddressed`] shows this with an
//! address kept as a number (safe to look at, never used as a pointer).
//!
//! `Pin<P>` is the promise that the value behind the pointer `P` will not move again
//! until it is dropped. `Future::poll` takes `self: Pin<&mut Self>`, so a future can
//! only be polled once it is pinned, and from its first poll on it stays put. Types
//! that do not care (no self-borrows: a `u32`, a `Box`, most hand-written futures) are
//! `Unpin`, which waives the promise; the futures the compiler builds from `async` are
//! not. The ways to pin:
//!
//! - `Box::pin(future)`: on the heap; the `Pin<Box<_>>` moves, the future does not.
//!   Needed when the future outlives the current function or goes in a collection;
//! - `std::pin::pin!(future)`: on the stack of the current function, no allocation;
//! - `.await`, `join!`, `select!` on a future they own: they pin it for you.
//!
//! A self-borrow is one reason for `!Unpin`; the one met most often is another.
//! tokio's `Sleep` and `Notify`'s `Notified` borrow nothing from themselves, but
//! once polled they are nodes of *intrusive* linked lists: the timer wheel (or the
//! `Notify`'s list of waiters) keeps a pointer to a node that lives inside the
//! future, rather than a copy of it, so registering costs no allocation. Move the
//! future and the list points at where it was. So both hold a `PhantomPinned`:
//!
//! ```compile_fail,E0277
//! fn needs_unpin<T: Unpin>(_: &T) {}
//!
//! let notify = tokio::sync::Notify::new();
//! needs_unpin(&notify.notified()); // `Notified` is `!Unpin`, like `Sleep`
//! ```
//!
//! The compiler errors a learner meets ("`{async block}` cannot be unpinned") are
//! doctests that must fail to compile, so `cargo test --doc` proves them still real.
//!
//! `select!` on `&mut sleep` in a loop, with an unpinned `Sleep` (error E0277):
//!
//! ```compile_fail,E0277
#![doc = include_str!("compile_fail/unpinned_select.rs")]
//! ```
//!
//! Polling an `async` block by hand through `Pin::new`, which only `Unpin` types allow
//! (error E0277):
//!
//! ```compile_fail,E0277
#![doc = include_str!("compile_fail/pin_new_async.rs")]
//! ```

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

// ANCHOR: self_addressed
/// A value that remembers where its own data lives, the way a future that borrows its
/// own local does. The address is kept as a number, so looking at it is safe; a real
/// self-borrow would be a pointer, and after a move it would point at freed memory.
pub struct SelfAddressed {
    data: [u8; 16],
    /// Where `data` was when [`SelfAddressed::remember`] ran: the "borrow".
    remembered: usize,
}

impl SelfAddressed {
    pub fn new() -> Self {
        SelfAddressed {
            data: *b"sixteen bytes!!!",
            remembered: 0,
        }
    }

    /// Take the "borrow": note where `data` is now.
    pub fn remember(&mut self) {
        self.remembered = self.address();
    }

    /// Where `data` is now.
    pub fn address(&self) -> usize {
        self.data.as_ptr().addr()
    }

    /// Would a pointer taken by `remember` still point at `data`?
    pub fn borrow_still_valid(&self) -> bool {
        self.remembered == self.address()
    }
}
// ANCHOR_END: self_addressed

impl Default for SelfAddressed {
    fn default() -> Self {
        Self::new()
    }
}

// ANCHOR: self_borrowing
/// An `async fn` that borrows its own local across an `.await`: the future the
/// compiler builds holds `buffer` *and* `view`, a pointer into `buffer`. At each step
/// it records where `view` points, so a caller can see whether it ever moved.
pub async fn self_borrowing(addresses: Arc<Mutex<Vec<usize>>>) -> usize {
    let buffer = [7u8; 64];
    let view = &buffer[..];
    for _ in 0..3 {
        let at = view.as_ptr().addr();
        addresses
            .lock()
            .expect("no test panics holding it")
            .push(at);
        // Give the thread back: the future is suspended here, with `view` stored in
        // it, pointing at `buffer`, also stored in it.
        tokio::task::yield_now().await;
    }
    view.iter().map(|&byte| usize::from(byte)).sum()
}
// ANCHOR_END: self_borrowing

// ANCHOR: labelled
/// A future kept in a struct field: the place most learners first meet `Pin`.
///
/// The field is `Pin<Box<dyn Future>>`: boxed, so futures of different types (every
/// `async` block has its own) fit in one `Vec<Labelled<T>>`; pinned, so it can be
/// polled; and because a `Box` is `Unpin`, `Labelled` is `Unpin` too, so its `poll`
/// may reach into `self` through `Pin<&mut Self>` without any ceremony.
pub struct Labelled<T> {
    pub label: &'static str,
    inner: Pin<Box<dyn Future<Output = T> + Send>>,
}

impl<T> Labelled<T> {
    pub fn new(label: &'static str, inner: impl Future<Output = T> + Send + 'static) -> Self {
        Labelled {
            label,
            inner: Box::pin(inner),
        }
    }
}

impl<T> Future for Labelled<T> {
    type Output = (&'static str, T);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let label = self.label;
        // `as_mut` reborrows the pinned box as `Pin<&mut dyn Future>`, what `poll`
        // takes; `Poll::map` adds the label to a ready value and passes `Pending` on.
        self.inner.as_mut().poll(cx).map(|value| (label, value))
    }
}
// ANCHOR_END: labelled

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use futures::poll;
    use tokio::time::{Instant, sleep};

    use super::*;

    fn assert_unpin<T: Unpin>(_: &T) {}

    #[test]
    fn a_moved_value_leaves_its_self_borrow_dangling() {
        let mut value = SelfAddressed::new();
        value.remember();
        assert!(value.borrow_still_valid(), "not moved yet");
        // Into a Box: from this stack frame to the heap.
        let moved = Box::new(value);
        assert!(
            !moved.borrow_still_valid(),
            "the data moved, the remembered address did not"
        );
    }

    #[tokio::test]
    async fn a_boxed_and_pinned_future_keeps_its_address_when_the_box_moves() {
        let addresses = Arc::new(Mutex::new(Vec::new()));
        let mut pinned = Box::pin(self_borrowing(Arc::clone(&addresses)));
        assert!(
            poll!(pinned.as_mut()).is_pending(),
            "suspended at its first yield"
        );
        // Move the box itself, twice: the future stays where the box points.
        let in_a_vec = [pinned];
        let moved_out = in_a_vec.into_iter().next().expect("one future in it");
        assert_eq!(moved_out.await, 64 * 7);
        let seen = addresses.lock().unwrap().clone();
        assert_eq!(seen.len(), 3);
        assert!(
            seen.iter().all(|&at| at == seen[0]),
            "one address: {seen:?}"
        );
    }

    #[test]
    fn a_future_holds_its_locals_so_it_is_at_least_as_big_as_the_buffer() {
        let future = self_borrowing(Arc::default());
        assert!(size_of_val(&future) >= 64, "{}", size_of_val(&future));
    }

    #[test]
    fn boxes_ready_futures_and_labelled_are_unpin_so_pin_new_works() {
        let mut ready = std::future::ready(1);
        assert_unpin(&ready);
        let _pinned: Pin<&mut _> = Pin::new(&mut ready);
        let labelled = Labelled::new("x", async { 1 });
        assert_unpin(&labelled);
        assert_unpin(&Box::pin(async { 1 }));
    }

    #[tokio::test(start_paused = true)]
    async fn labelled_futures_of_different_types_run_together_in_one_vec() {
        let start = Instant::now();
        let futures = vec![
            Labelled::new("slow", async {
                sleep(Duration::from_secs(2)).await;
                "two"
            }),
            Labelled::new("quick", async { "now" }),
        ];
        let results = futures::future::join_all(futures).await;
        assert_eq!(results, [("slow", "two"), ("quick", "now")]);
        assert_eq!(start.elapsed(), Duration::from_secs(2), "they overlapped");
    }
}
