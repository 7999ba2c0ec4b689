//! The other end of the waker: the smallest `block_on`.
//!
//! A future only says `Pending` and hands a [`Waker`] to whoever will finish its work.
//! Something must poll it in the first place, sleep while it is pending, and poll
//! it again when the waker fires: an executor. Python's event loop is one; here is
//! the smallest there is, which runs one future on the current thread.
//!
//! A `Waker` is a handle with a `wake` method that any thread may call. Building one
//! by hand means a table of four `unsafe` functions (`RawWakerVTable`). The standard
//! library's [`Wake`] trait does it safely: implement `wake` for your type, put it
//! in an `Arc`, and `Waker::from(arc)` is the waker. Ours remembers the thread to
//! unpark, and counts its wake-ups so that the demo can show them. Chapter 5 grows
//! this into a whole event loop.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: thread_waker
/// Wakes the thread that runs [`block_on`].
struct ThreadWaker {
    thread: Thread,
    /// Set by `wake`, cleared by `block_on`: `park` may return without any `unpark`
    /// (the docs allow it), so the flag, not the return, says "poll again".
    woken: AtomicBool,
    wakes: AtomicU32,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
        self.woken.store(true, Ordering::SeqCst);
        self.thread.unpark();
    }
}
// ANCHOR_END: thread_waker

/// What [`block_on`] returns: the future's output, and how much work it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted<T> {
    pub output: T,
    /// How many times the future was polled.
    pub polls: u32,
    /// How many times its waker was woken.
    pub wakes: u32,
}

// ANCHOR: block_on
/// Run `future` to completion on this thread: poll it, and while it is pending,
/// sleep until its waker fires.
pub fn block_on<F: Future>(future: F) -> Counted<F::Output> {
    // `poll` takes `Pin<&mut Self>`: a future may hold references into itself, so it
    // must not move once polled. `pin!` fixes it in place on this stack frame.
    let mut future = pin!(future);
    let signal = Arc::new(ThreadWaker {
        thread: thread::current(),
        woken: AtomicBool::new(false),
        wakes: AtomicU32::new(0),
    });
    let waker = Waker::from(Arc::clone(&signal));
    let mut cx = Context::from_waker(&waker);

    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            let wakes = signal.wakes.load(Ordering::SeqCst);
            return Counted {
                output,
                polls,
                wakes,
            };
        }
        // Pending: sleep, without spinning, until the waker says there is progress.
        while !signal.woken.swap(false, Ordering::SeqCst) {
            thread::park();
        }
    }
}
// ANCHOR_END: block_on

#[cfg(test)]
mod tests {
    use super::*;
    use crate::completion::create_future;
    use std::time::Duration;

    #[test]
    fn a_ready_future_is_polled_once_and_never_woken() {
        let counted = block_on(async { 6 * 7 });
        assert_eq!(
            counted,
            Counted {
                output: 42,
                polls: 1,
                wakes: 0
            }
        );
    }

    #[test]
    fn a_future_completed_from_another_thread_is_polled_once_per_wake_plus_one() {
        let (completer, completion) = create_future();
        // The thread completes the future only after the first poll has stored the
        // waker, so the count cannot depend on which thread runs first.
        let (polled, wait_for_poll) = std::sync::mpsc::channel();
        let worker = thread::spawn(move || {
            wait_for_poll.recv().unwrap();
            completer.complete("done");
        });
        let mut first = true;
        let mut completion = completion;
        let counted = block_on(std::future::poll_fn(move |cx| {
            let poll = std::pin::Pin::new(&mut completion).poll(cx);
            if first {
                first = false;
                polled.send(()).unwrap();
            }
            poll
        }));
        worker.join().unwrap();
        assert_eq!(
            (counted.output, counted.polls, counted.wakes),
            ("done", 2, 1),
            "Pending once, woken once, Ready on the second poll"
        );
    }

    #[test]
    fn the_legacy_client_runs_under_block_on_through_the_bridge() {
        let client = crate::callback_api::LegacyClient::new(Duration::from_millis(5));
        let counted = block_on(crate::completion::get(&client, "http://a"));
        assert_eq!(counted.output, Ok("<h1>http://a</h1>".to_string()));
        assert_eq!(counted.polls, counted.wakes + 1);
    }
}
