//! The tests of step 3: outputs, in the order awaited; a task done before its
//! handle is awaited; a handle that moves to another task; no spinning.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

use course_kit::watchdog;

use crate::join_handle::spawn;
use crate::spawn::{EventLoop, yield_now};

const HUNG: &str = "awaiting a JoinHandle hung: nobody woke the task that awaits it. \
    When the handle is not ready, keep `cx.waker()` in the slot; when the task \
    finishes, wake it";

/// A flag with a waker, set from anywhere (as in step 2's tests).
#[derive(Clone, Default)]
struct Signal(Arc<Mutex<(bool, Option<Waker>)>>);

impl Signal {
    fn set(&self) {
        let waker = {
            let mut state = self.0.lock().unwrap();
            state.0 = true;
            state.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    async fn wait(&self) {
        poll_fn(|cx| {
            let mut state = self.0.lock().unwrap();
            if state.0 {
                Poll::Ready(())
            } else {
                state.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }
}

/// Wraps a future and counts its polls; panics (with the diagnosis) past 1,000.
async fn counted<F: Future>(future: F, polls: Arc<AtomicUsize>) -> F::Output {
    let mut future = pin!(future);
    poll_fn(|cx| {
        let n = polls.fetch_add(1, Ordering::SeqCst) + 1;
        assert!(
            n < 1_000,
            "awaiting the JoinHandle was polled {n} times: it spins. Returning Pending \
             after waking yourself (wake_by_ref) keeps the task busy; keep the waker \
             and let the finishing task wake it"
        );
        future.as_mut().poll(cx)
    })
    .await
}

#[test]
fn a_handle_gives_the_task_output() {
    let output = watchdog::within(watchdog::LIMIT, HUNG, || {
        EventLoop::new().run(async { spawn(async { "from a task" }).await })
    });
    assert_eq!(output, "from a task");
}

#[test]
fn outputs_come_in_the_order_awaited_slow_task_first_or_last() {
    async fn after(yields: usize, name: &'static str) -> &'static str {
        for _ in 0..yields {
            yield_now().await;
        }
        name
    }
    let (slow_first, slow_last) = watchdog::within(watchdog::LIMIT, HUNG, || {
        EventLoop::new().run(async {
            let slow_first = [spawn(after(20, "slow")), spawn(after(0, "fast"))];
            let mut a = Vec::new();
            for handle in slow_first {
                a.push(handle.await);
            }
            let slow_last = [spawn(after(0, "fast")), spawn(after(20, "slow"))];
            let mut b = Vec::new();
            for handle in slow_last {
                b.push(handle.await);
            }
            (a, b)
        })
    });
    assert_eq!(
        slow_first,
        ["slow", "fast"],
        "each handle gives its own task's output"
    );
    assert_eq!(
        slow_last,
        ["fast", "slow"],
        "each handle gives its own task's output"
    );
}

#[test]
fn a_task_done_before_its_handle_is_awaited_still_gives_its_output() {
    let output = watchdog::within(watchdog::LIMIT, HUNG, || {
        EventLoop::new().run(async {
            let handle = spawn(async { 5 });
            for _ in 0..3 {
                yield_now().await; // the task finishes meanwhile
            }
            handle.await
        })
    });
    assert_eq!(
        output, 5,
        "the output waits in the slot until the handle is awaited"
    );
}

/// A waker that only counts its wake-ups: it stands for "some other task".
struct Counting(AtomicUsize);

impl Wake for Counting {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn a_handle_polled_by_one_task_then_awaited_by_another_wakes_the_second() {
    let output = watchdog::within(
        watchdog::LIMIT,
        "the handle woke the wrong task: it was polled once with one waker, then moved \
         to another task. Keep the newest waker (replace the old one on every poll)",
        || {
            EventLoop::new().run(async {
                let gate = Signal::default();
                let opener = gate.clone();
                let mut handle = spawn(async move {
                    gate.wait().await;
                    21
                });
                // First poll, by a waker that is not a task of this loop.
                let first = Waker::from(Arc::new(Counting(AtomicUsize::new(0))));
                let polled = pin!(&mut handle).poll(&mut Context::from_waker(&first));
                assert!(polled.is_pending(), "the task cannot have finished yet");
                // Then the handle moves to another task, which awaits it.
                let doubler = spawn(async move { handle.await * 2 });
                yield_now().await;
                opener.set();
                doubler.await
            })
        },
    );
    assert_eq!(output, 42);
}

#[test]
fn awaiting_an_unfinished_task_waits_without_spinning() {
    let polls = watchdog::within(watchdog::LIMIT, HUNG, || {
        EventLoop::new().run(async {
            let gate = Signal::default();
            let opener = gate.clone();
            let handle = spawn(async move {
                gate.wait().await;
                "opened"
            });
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(30));
                opener.set();
            });
            let polls = Arc::new(AtomicUsize::new(0));
            let output = counted(handle, Arc::clone(&polls)).await;
            assert_eq!(output, "opened");
            polls.load(Ordering::SeqCst)
        })
    });
    assert!(
        polls <= 3,
        "awaiting the handle took {polls} polls over 30 ms: expected 2 (Pending, then \
         Ready after the wake-up). Don't wake yourself in poll; keep the waker"
    );
}

#[test]
fn dropping_a_handle_does_not_stop_the_task() {
    let ran = watchdog::within(watchdog::LIMIT, HUNG, || {
        let ran = Arc::new(AtomicUsize::new(0));
        let flag = Arc::clone(&ran);
        EventLoop::new().run(async move {
            drop(spawn(async move {
                yield_now().await;
                flag.store(1, Ordering::SeqCst);
            }));
            for _ in 0..3 {
                yield_now().await;
            }
        });
        ran.load(Ordering::SeqCst)
    });
    assert_eq!(
        ran, 1,
        "a dropped handle detaches the task; it still runs to the end"
    );
}
