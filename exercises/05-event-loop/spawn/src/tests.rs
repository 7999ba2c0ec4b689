//! The tests of step 2: the order tasks run in, how often a woken task is polled,
//! that a busy task cannot starve the others, and wake-ups from other threads.

use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::{Duration, Instant};

use course_kit::watchdog;

use crate::spawn::{Driver, EventLoop, ThreadParker, spawn_detached, yield_now};

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

/// A waker that counts its wake-ups and passes each one on.
struct CountingWaker {
    inner: Waker,
    wakes: Arc<AtomicUsize>,
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
        self.inner.wake_by_ref();
    }
}

/// Polls and wake-ups of a future, counted by `watch`.
#[derive(Clone, Default)]
struct Counts {
    polls: Arc<AtomicUsize>,
    wakes: Arc<AtomicUsize>,
}

/// `future`, with its polls and the calls of its waker counted in `counts`.
async fn watch<F: Future>(future: F, counts: Counts) -> F::Output {
    let mut future = pin!(future);
    poll_fn(|cx| {
        counts.polls.fetch_add(1, Ordering::SeqCst);
        let waker = Waker::from(Arc::new(CountingWaker {
            inner: cx.waker().clone(),
            wakes: Arc::clone(&counts.wakes),
        }));
        future.as_mut().poll(&mut Context::from_waker(&waker))
    })
    .await
}

#[test]
fn the_main_future_is_polled_only_when_it_was_woken() {
    let counts = Counts::default();
    let theirs = counts.clone();
    watchdog::within(watchdog::LIMIT, HUNG, move || {
        let done = Signal::default();
        let setter = done.clone();
        EventLoop::new().run(watch(
            async move {
                spawn_detached(async move {
                    for _ in 0..20 {
                        yield_now().await; // 20 turns of the loop
                    }
                    setter.set();
                });
                done.wait().await;
            },
            theirs,
        ));
    });
    let (polls, wakes) = (
        counts.polls.load(Ordering::SeqCst),
        counts.wakes.load(Ordering::SeqCst),
    );
    assert_eq!(
        polls,
        wakes + 1,
        "the main future was polled {polls} times, but woken {wakes} time(s), while a task \
         yielded 20 times (20 turns of the loop). Poll main on the first turn and then only \
         on a turn after its waker was called (`take_main_woken`), as tasks run only when \
         woken"
    );
}

/// A driver that counts how it is asked to wait, around a `ThreadParker`.
struct CountingDriver {
    inner: ThreadParker,
    parks: Arc<Parks>,
}

#[derive(Default)]
struct Parks {
    /// `park(None)`: wait as long as it takes.
    waits: AtomicUsize,
    /// `park(Some(ZERO))`: only look.
    looks: AtomicUsize,
}

impl Driver for CountingDriver {
    fn park(&mut self, timeout: Option<Duration>) {
        match timeout {
            None => self.parks.waits.fetch_add(1, Ordering::SeqCst),
            Some(_) => self.parks.looks.fetch_add(1, Ordering::SeqCst),
        };
        self.inner.park(timeout);
    }

    fn unparker(&self) -> Waker {
        self.inner.unparker()
    }
}

#[test]
fn an_idle_loop_waits_in_its_driver_instead_of_spinning() {
    let parks = Arc::new(Parks::default());
    let theirs = Arc::clone(&parks);
    watchdog::within(watchdog::LIMIT, HUNG, move || {
        let driver = CountingDriver {
            inner: ThreadParker::new(),
            parks: Arc::clone(&theirs),
        };
        EventLoop::with_driver(driver).run(async move {
            let gate = Signal::default();
            let opener = gate.clone();
            // Another thread opens the gate once the loop waits in its driver, or
            // after 200 ms (a loop that never waits there).
            thread::spawn(move || {
                let start = Instant::now();
                while theirs.waits.load(Ordering::SeqCst) == 0
                    && start.elapsed() < Duration::from_millis(200)
                {
                    thread::sleep(Duration::from_millis(1));
                }
                opener.set();
            });
            gate.wait().await;
        });
    });
    let (waits, looks) = (
        parks.waits.load(Ordering::SeqCst),
        parks.looks.load(Ordering::SeqCst),
    );
    assert!(
        waits >= 1 && looks <= 2,
        "{}",
        match (waits, looks) {
            (0, 0) => "with nothing to do, run never called its driver: it went round and \
                 round (a busy loop that burns a core). End each turn with \
                 `self.wait_for_work()`, which waits in the driver when nothing is ready"
                .to_string(),
            (0, _) => format!(
                "with nothing to do, run asked its driver {looks} times only to look (a zero \
                 timeout) and never to wait: a busy loop that burns a core. End each turn \
                 with `self.wait_for_work()`, which waits (timeout None) when nothing is ready"
            ),
            _ => format!(
                "run waited in its driver {waits} time(s), but also asked it {looks} times \
                 only to look (a zero timeout) while nothing was ready: end each turn with \
                 `self.wait_for_work()` alone"
            ),
        }
    );
}

/// A future that is done at its first poll, and holds `alive` until it is dropped.
struct DoneAtOnce {
    alive: Arc<AtomicBool>,
    polls: Arc<AtomicUsize>,
    waker: Arc<Mutex<Option<Waker>>>,
}

impl Future for DoneAtOnce {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        *self.waker.lock().unwrap() = Some(cx.waker().clone());
        Poll::Ready(())
    }
}

impl Drop for DoneAtOnce {
    fn drop(&mut self) {
        self.alive.store(false, Ordering::SeqCst);
    }
}

#[test]
fn a_finished_task_is_dropped_at_once_and_never_polled_again() {
    let (alive_after, polls) = watchdog::within(watchdog::LIMIT, HUNG, || {
        let alive = Arc::new(AtomicBool::new(true));
        let polls = Arc::new(AtomicUsize::new(0));
        let waker: Arc<Mutex<Option<Waker>>> = Arc::default();
        let (theirs, counted, slot) = (Arc::clone(&alive), Arc::clone(&polls), Arc::clone(&waker));
        EventLoop::new().run(async move {
            spawn_detached(DoneAtOnce {
                alive: theirs,
                polls: counted,
                waker: slot,
            });
            yield_now().await; // the task runs, and is done
            let alive_after = alive.load(Ordering::SeqCst);
            // A late wake-up of the finished task (a timer, a socket) is allowed.
            let late = waker.lock().unwrap().take().expect("the task ran");
            late.wake();
            yield_now().await;
            yield_now().await;
            (alive_after, polls.load(Ordering::SeqCst))
        })
    });
    assert!(
        !alive_after,
        "a task's future returned Ready, and a turn later it was still alive (not dropped). \
         Set the task's future to None when it is Ready: what it holds (a socket, a buffer) \
         must be freed when it finishes, not when the loop ends{}",
        if polls > 1 {
            format!("; it was even polled again ({polls} polls) after a late wake-up")
        } else {
            String::new()
        }
    );
    assert_eq!(
        polls, 1,
        "a finished task was polled again after a late wake-up ({polls} polls): once its \
         future is Ready, `run` must never poll it again (its slot is None)"
    );
}
