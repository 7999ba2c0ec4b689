//! The `Future` trait by hand: a future that a callback completes.
//!
//! Python bridges a callback to `await` with a bare Future:
//! `fut = loop.create_future()`, hand the callback something that calls
//! `loop.call_soon_threadsafe(fut.set_result, value)`, then `await fut`.
//!
//! A Rust future is any type with a `poll` method. The runtime calls `poll`; the
//! future answers `Poll::Ready(value)` if its result is there, or `Poll::Pending` if
//! not. Before answering `Pending` it must arrange to be polled again, or it never
//! will be: the `Context` passed to `poll` carries a [`Waker`], and whoever will
//! produce the result (here, the callback on another thread) calls `waker.wake()`
//! when it has. There is no loop of Python's that checks every future again and
//! again: nothing is polled until something wakes it.
//!
//! [`create_future`] makes the two halves that share one slot: the [`Completion`]
//! future that the task awaits, and the [`Completer`] that the callback owns.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

use crate::callback_api::{LegacyClient, LegacyError};

// ANCHOR: shared
/// What the two halves share: the result once there is one, and the waker of the
/// task waiting for it.
struct Shared<T> {
    result: Option<T>,
    waker: Option<Waker>,
}

/// The half a task awaits: Python's `fut` in `await fut`.
pub struct Completion<T> {
    shared: Arc<Mutex<Shared<T>>>,
}

/// The half the callback owns: Python's `fut.set_result`.
pub struct Completer<T> {
    shared: Arc<Mutex<Shared<T>>>,
}

/// `loop.create_future()`: a future with no result yet, and the means to set it.
pub fn create_future<T>() -> (Completer<T>, Completion<T>) {
    let shared = Arc::new(Mutex::new(Shared {
        result: None,
        waker: None,
    }));
    let completer = Completer {
        shared: Arc::clone(&shared),
    };
    (completer, Completion { shared })
}
// ANCHOR_END: shared

// ANCHOR: future
impl<T> Future for Completion<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut shared = lock(&self.shared);
        match shared.result.take() {
            Some(value) => Poll::Ready(value),
            None => {
                // Keep the waker of *this* poll, replacing any older one: a task can
                // be moved between threads (or wrapped in a `select!`) and polled with
                // a different waker each time, and only the latest one is sure to
                // reach it.
                shared.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: future

// ANCHOR: complete
impl<T> Completer<T> {
    /// `fut.set_result(value)`: store the result, then wake the waiting task.
    ///
    /// It takes `self`, so a second `set_result` (an `InvalidStateError` in Python)
    /// does not compile.
    pub fn complete(self, value: T) {
        let waker = {
            let mut shared = lock(&self.shared);
            shared.result = Some(value);
            shared.waker.take()
        };
        // Wake after unlocking: the woken task may be polled at once on another
        // thread, and its `poll` takes this same lock.
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}
// ANCHOR_END: complete

// ANCHOR: bridge
/// `client.get` as a future: the callback completes it.
pub fn get(client: &LegacyClient, url: &str) -> Completion<Result<String, LegacyError>> {
    let (completer, completion) = create_future();
    client.get(url, move |result| completer.complete(result));
    completion
}
// ANCHOR_END: bridge

fn lock<T>(shared: &Mutex<Shared<T>>) -> MutexGuard<'_, Shared<T>> {
    // Nothing panics while holding this lock, and if something did, the slot would
    // still hold either nothing or a whole value: a poisoned lock is safe to use.
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::task::Wake;
    use std::thread;
    use std::time::Duration;

    /// A waker that only counts how often it was woken.
    #[derive(Default)]
    struct CountingWaker(AtomicU32);

    impl Wake for CountingWaker {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn counting_waker() -> (Waker, Arc<CountingWaker>) {
        let count = Arc::new(CountingWaker::default());
        (Waker::from(Arc::clone(&count)), count)
    }

    #[test]
    fn pending_until_completed_then_ready_after_one_wake() {
        let (completer, mut completion) = create_future();
        let (waker, wakes) = counting_waker();
        let mut cx = Context::from_waker(&waker);

        assert_eq!(Pin::new(&mut completion).poll(&mut cx), Poll::Pending);
        assert_eq!(wakes.0.load(Ordering::SeqCst), 0, "nothing to wake for yet");

        thread::spawn(move || completer.complete("page"))
            .join()
            .unwrap();
        assert_eq!(
            wakes.0.load(Ordering::SeqCst),
            1,
            "completing from the other thread woke the task once"
        );
        assert_eq!(Pin::new(&mut completion).poll(&mut cx), Poll::Ready("page"));
    }

    #[test]
    fn completed_before_the_first_poll_is_ready_at_once() {
        let (completer, mut completion) = create_future();
        completer.complete(7);
        let (waker, wakes) = counting_waker();
        let mut cx = Context::from_waker(&waker);
        assert_eq!(Pin::new(&mut completion).poll(&mut cx), Poll::Ready(7));
        assert_eq!(wakes.0.load(Ordering::SeqCst), 0, "no waker was stored");
    }

    #[test]
    fn only_the_waker_of_the_latest_poll_is_woken() {
        let (completer, mut completion) = create_future::<u8>();
        let (first, first_wakes) = counting_waker();
        let (second, second_wakes) = counting_waker();
        let _ = Pin::new(&mut completion).poll(&mut Context::from_waker(&first));
        let _ = Pin::new(&mut completion).poll(&mut Context::from_waker(&second));
        completer.complete(1);
        assert_eq!(first_wakes.0.load(Ordering::SeqCst), 0);
        assert_eq!(second_wakes.0.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_tokio_task_awaits_the_legacy_client_through_the_bridge() {
        let client = LegacyClient::new(Duration::from_millis(10));
        assert_eq!(
            get(&client, "http://example.com").await,
            Ok("<h1>http://example.com</h1>".to_string())
        );
        assert_eq!(
            get(&client, "gopher://old").await,
            Err(LegacyError::BadUrl("gopher://old".into())),
            "the error comes through the future as a value"
        );
    }
}
