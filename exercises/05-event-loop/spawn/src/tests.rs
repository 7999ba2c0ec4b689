//! The tests of step 2: the order tasks run in, how often a woken task is polled,
//! that a busy task cannot starve the others, and wake-ups from other threads.

use std::future::poll_fn;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::thread;
use std::time::Duration;

use course_kit::watchdog;

use crate::spawn::{EventLoop, spawn_detached, yield_now};

type Log = Arc<Mutex<Vec<String>>>;

const HUNG: &str = "the loop hung. Does `wake` put the task back on the ready queue \
    (Shared::push)? Does `run` poll the main future again once it was woken?";

fn log(log: &Log, line: String) {
    log.lock().unwrap().push(line);
}

/// A flag with a waker: set from anywhere, awaited by one task.
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

#[test]
fn tasks_run_in_the_order_they_were_spawned() {
    let order = watchdog::within(watchdog::LIMIT, HUNG, || {
        let order = Log::default();
        EventLoop::new().run(async {
            for n in 0..5 {
                let order = Arc::clone(&order);
                spawn_detached(async move { log(&order, n.to_string()) });
            }
            yield_now().await;
            yield_now().await;
        });
        order.lock().unwrap().clone()
    });
    assert_eq!(
        order,
        ["0", "1", "2", "3", "4"],
        "the ready queue is first in, first out, like asyncio's: spawned first, run first"
    );
}

#[test]
fn yielding_tasks_take_turns() {
    let order = watchdog::within(watchdog::LIMIT, HUNG, || {
        let order = Log::default();
        let done = Signal::default();
        EventLoop::new().run(async {
            let finished = Arc::new(AtomicUsize::new(0));
            for name in ["a", "b"] {
                let (order, finished, done) =
                    (Arc::clone(&order), Arc::clone(&finished), done.clone());
                spawn_detached(async move {
                    for step in 0..3 {
                        log(&order, format!("{name}{step}"));
                        yield_now().await;
                    }
                    if finished.fetch_add(1, Ordering::SeqCst) == 1 {
                        done.set();
                    }
                });
            }
            done.wait().await;
        });
        order.lock().unwrap().clone()
    });
    assert_eq!(
        order,
        ["a0", "b0", "a1", "b1", "a2", "b2"],
        "yield_now puts a task at the back of the queue, so two yielding tasks alternate"
    );
}

#[test]
fn a_task_woken_ten_times_before_it_runs_is_polled_once() {
    let polls = watchdog::within(watchdog::LIMIT, HUNG, || {
        let polls = Arc::new(AtomicUsize::new(0));
        let waker_slot: Arc<Mutex<Option<Waker>>> = Arc::default();
        EventLoop::new().run(async {
            let (counter, slot) = (Arc::clone(&polls), Arc::clone(&waker_slot));
            spawn_detached(poll_fn(move |cx| {
                counter.fetch_add(1, Ordering::SeqCst);
                *slot.lock().unwrap() = Some(cx.waker().clone());
                Poll::<()>::Pending
            }));
            yield_now().await; // the task runs once and leaves its waker
            let waker = waker_slot.lock().unwrap().clone().expect("the task ran");
            for _ in 0..10 {
                waker.wake_by_ref();
            }
            yield_now().await;
            yield_now().await;
        });
        polls.load(Ordering::SeqCst)
    });
    assert_eq!(
        polls, 2,
        "a task woken 10 times before it runs must be queued once (then polled once): \
         check the `queued` flag in `wake_by_ref` (asyncio would not run a step twice)"
    );
}

#[test]
fn a_task_that_keeps_waking_itself_does_not_starve_the_main_future() {
    let answer = watchdog::within(
        watchdog::LIMIT,
        "the main future never got its turn: `run` keeps running tasks that were woken \
         during this turn, so a task that always yields runs for ever. Take only the \
         tasks ready at the start of the turn (Shared::take_ready), then come back",
        || {
            EventLoop::new().run(async {
                spawn_detached(async {
                    loop {
                        yield_now().await;
                    }
                });
                for _ in 0..3 {
                    yield_now().await;
                }
                "main finished"
            })
        },
    );
    assert_eq!(answer, "main finished");
}

#[test]
fn a_task_woken_from_another_thread_wakes_the_parked_loop() {
    // The loop has nothing to do and parks; only the thread's wake-up can go on.
    // Many runs on several threads at once, so a lost wake-up shows.
    watchdog::within(
        Duration::from_secs(20),
        "a loop stayed parked: a wake-up from another thread was lost. `wake` must push \
         the task with Shared::push, which unparks a sleeping loop",
        || {
            let runners: Vec<_> = (0..4)
                .map(|_| {
                    thread::spawn(|| {
                        for round in 0..100 {
                            let event_loop = EventLoop::new();
                            let value = event_loop.run(async move {
                                let (inner, outer) = (Signal::default(), Signal::default());
                                let result = Arc::new(AtomicUsize::new(0));
                                let (theirs, finished) = (Arc::clone(&result), outer.clone());
                                let remote = inner.clone();
                                spawn_detached(async move {
                                    inner.wait().await;
                                    theirs.store(round + 1, Ordering::SeqCst);
                                    finished.set();
                                });
                                thread::spawn(move || {
                                    thread::sleep(Duration::from_micros(round as u64 % 7 * 100));
                                    remote.set();
                                });
                                outer.wait().await;
                                result.load(Ordering::SeqCst)
                            });
                            assert_eq!(value, round + 1);
                        }
                    })
                })
                .collect();
            for runner in runners {
                runner.join().expect("a runner panicked");
            }
        },
    );
}

#[test]
fn run_returns_once_main_is_done_even_with_tasks_still_waiting() {
    let answer = watchdog::within(
        watchdog::LIMIT,
        "run did not return when the main future was done: return its output at once, \
         even if other tasks still wait",
        || {
            EventLoop::new().run(async {
                spawn_detached(std::future::pending::<()>());
                42
            })
        },
    );
    assert_eq!(answer, 42);
}
