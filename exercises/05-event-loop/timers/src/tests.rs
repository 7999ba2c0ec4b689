//! The tests of step 4, on a paused clock (exact figures, no real waiting) but for
//! one that checks how the loop waits on the real clock.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Wake, Waker};
use std::time::{Duration, Instant};

use course_kit::watchdog;

use crate::join_handle::spawn;
use crate::spawn::{Driver, EventLoop, ThreadParker, yield_now};
use crate::timers::{TimerDriver, now, sleep, with_timers};

const HUNG: &str = "the loop hung waiting for a timer. On the paused clock, when \
    nothing is ready (timeout None), TimerDriver::park jumps the clock to the next \
    deadline; then it wakes every timer that is due";

fn paused_loop() -> EventLoop {
    EventLoop::with_driver(TimerDriver::paused(ThreadParker::new()))
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// Wraps a future and counts its polls; panics (with the diagnosis) past 1,000.
async fn counted<F: Future>(future: F, polls: Arc<AtomicUsize>) -> F::Output {
    let mut future = pin!(future);
    poll_fn(|cx| {
        let n = polls.fetch_add(1, Ordering::SeqCst) + 1;
        assert!(
            n < 1_000,
            "a sleep was polled {n} times: it spins. Sleep::poll must leave its waker \
             on the timer heap and return Pending, not wake itself"
        );
        future.as_mut().poll(cx)
    })
    .await
}

/// `sleep`, with its polls counted (a spinning sleep fails with its diagnosis), and
/// checked against the loop's clock: once that clock has passed `now() + duration`,
/// the sleep must be over.
async fn nap(duration: Duration) {
    let deadline = now() + duration;
    let mut sleep = pin!(counted(sleep(duration), Arc::default()));
    poll_fn(|cx| {
        let polled = sleep.as_mut().poll(cx);
        let late = now().saturating_duration_since(deadline);
        assert!(
            polled.is_ready() || now() < deadline,
            "a sleep({duration:?}) said Pending with the loop's clock {late:?} past its \
             deadline. Likely: Sleep::poll compares the deadline with Instant::now() (the \
             real clock) instead of the loop's `now()`; or the deadline is later than \
             `now() + duration`"
        );
        polled
    })
    .await
}

/// What a figure that should be exactly `expected` says about the clock. Every
/// sleep in these tests is whole milliseconds on the paused clock, so a figure with
/// a fraction of a millisecond came from somewhere else: the real clock.
fn clock_hint(took: Duration, expected: Duration) -> &'static str {
    if took != expected && took.subsec_nanos() % 1_000_000 != 0 {
        " A fraction of a millisecond, which no sleep here has, means that a deadline \
         came from the real clock (`Instant::now() + duration`), which does not follow the \
         loop's paused clock. Compute it from the loop's clock, `now()`."
    } else {
        ""
    }
}

#[test]
fn sequential_sleeps_add_up_to_three_seconds() {
    let took = watchdog::within(watchdog::LIMIT, HUNG, || {
        paused_loop().run(async {
            let start = now();
            nap(secs(1)).await;
            nap(secs(2)).await;
            now() - start
        })
    });
    assert_eq!(
        took,
        secs(3),
        "1 s then 2 s, one after the other: 3 s.{}",
        clock_hint(took, secs(3))
    );
}

#[test]
fn concurrent_sleeps_take_as_long_as_the_longest_two_seconds() {
    let took = watchdog::within(watchdog::LIMIT, HUNG, || {
        paused_loop().run(async {
            let start = now();
            let one = spawn(nap(secs(1)));
            let two = spawn(nap(secs(2)));
            two.await;
            one.await;
            now() - start
        })
    });
    assert_eq!(
        took,
        secs(2),
        "1 s and 2 s at the same time: 2 s.{}",
        clock_hint(took, secs(2))
    );
}

#[test]
fn a_sleep_created_now_but_first_polled_later_keeps_its_deadline() {
    let took = watchdog::within(watchdog::LIMIT, HUNG, || {
        paused_loop().run(async {
            let start = now();
            let early = sleep(secs(1)); // the deadline is fixed here: start + 1 s
            nap(secs(2)).await;
            early.await; // already past its deadline: ready at once
            now() - start
        })
    });
    let why = if took == secs(3) {
        " That is 2 s + 1 s: the deadline was fixed at the first poll. Fix it in `sleep`, \
         when the sleep is made."
    } else {
        clock_hint(took, secs(2))
    };
    assert_eq!(
        took,
        secs(2),
        "sleep(1 s) made at 0 s is due at 1 s, however late it is first polled; got \
         {took:?}.{why}"
    );
}

#[test]
fn a_thousand_sleeps_wake_in_deadline_order() {
    let (order, took) = watchdog::within(watchdog::LIMIT, HUNG, || {
        let order = Arc::new(Mutex::new(Vec::new()));
        let took = paused_loop().run({
            let order = Arc::clone(&order);
            async move {
                let start = now();
                // Spawned in a scrambled order; they must wake sorted by deadline.
                let handles: Vec<_> = (0..1_000u64)
                    .map(|n| (n * 7_919) % 1_000)
                    .map(|ms| {
                        let order = Arc::clone(&order);
                        spawn(async move {
                            nap(Duration::from_millis(ms)).await;
                            order.lock().unwrap().push(ms);
                        })
                    })
                    .collect();
                for handle in handles {
                    handle.await;
                }
                now() - start
            }
        });
        let order = order.lock().unwrap().clone();
        (order, took)
    });
    assert_eq!(order.len(), 1_000);
    assert!(
        order.windows(2).all(|pair| pair[0] <= pair[1]),
        "timers must fire earliest deadline first, whatever order they were set in"
    );
    assert_eq!(
        took,
        Duration::from_millis(999),
        "the longest sleep is 999 ms.{}",
        clock_hint(took, Duration::from_millis(999))
    );
}

#[test]
fn a_sleeping_task_is_polled_twice_not_spun() {
    let polls = watchdog::within(watchdog::LIMIT, HUNG, || {
        paused_loop().run(async {
            let polls = Arc::new(AtomicUsize::new(0));
            counted(sleep(secs(1)), Arc::clone(&polls)).await;
            polls.load(Ordering::SeqCst)
        })
    });
    assert_eq!(
        polls, 2,
        "Pending once (waker on the heap), Ready after the timer fires"
    );
}

/// A waker that only counts: it stands for "some other task".
struct Counting(AtomicUsize);

impl Wake for Counting {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn a_sleep_polled_by_one_task_then_awaited_by_another_wakes_the_second() {
    let took = watchdog::within(
        watchdog::LIMIT,
        "the sleep woke only the first waker that polled it. When a different waker \
         polls (`!registered.will_wake(cx.waker())`), add a timer for the new one",
        || {
            paused_loop().run(async {
                let start = now();
                let mut late = sleep(secs(1));
                let other = Waker::from(Arc::new(Counting(AtomicUsize::new(0))));
                let first = pin!(&mut late).poll(&mut Context::from_waker(&other));
                assert!(first.is_pending());
                spawn(counted(late, Arc::default())).await; // a new task, a new waker
                now() - start
            })
        },
    );
    assert_eq!(
        took,
        secs(1),
        "sleep(1 s) ends at 1 s.{}",
        clock_hint(took, secs(1))
    );
}

#[test]
fn an_idle_loop_sleeps_in_the_os_until_its_timer() {
    // The one test on the real clock: what it checks is how the loop waits.
    let event_loop_wait = Duration::from_millis(100);
    let (wall, cpu) = watchdog::within(
        watchdog::LIMIT,
        "a 100 ms sleep on the real clock never ended: TimerDriver::park must pass the \
         time until the next deadline to the inner driver as its timeout (None means \
         'wait for ever')",
        move || {
            let event_loop = EventLoop::with_driver(TimerDriver::new(ThreadParker::new()));
            let cpu_before = thread_cpu_time();
            let start = Instant::now();
            event_loop.run(async {
                sleep(event_loop_wait).await;
                yield_now().await;
            });
            let cpu = thread_cpu_time()
                .zip(cpu_before)
                .map(|(after, before)| after - before);
            (start.elapsed(), cpu)
        },
    );
    assert!(
        wall >= event_loop_wait,
        "woke after {wall:?}, before the deadline"
    );
    if let Some(cpu) = cpu {
        assert!(
            cpu < Duration::from_millis(60),
            "the loop used {cpu:?} of CPU during a 100 ms sleep: it spins. Park until \
             the deadline (a timeout), don't poll with a zero timeout"
        );
    }
}

/// This thread's CPU time, where Linux tells it (`/proc/thread-self/schedstat`).
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

#[test]
fn a_sleep_polled_again_by_the_same_waker_sets_one_timer() {
    let wakes = watchdog::within(watchdog::LIMIT, HUNG, || {
        paused_loop().run(async {
            let counting = Arc::new(Counting(AtomicUsize::new(0)));
            let same = Waker::from(Arc::clone(&counting));
            let mut early = pin!(sleep(secs(1)));
            // Polled five times by the same waker, as a task is when something else
            // it waits on wakes it.
            for _ in 0..5 {
                let polled = early.as_mut().poll(&mut Context::from_waker(&same));
                assert!(polled.is_pending(), "sleep(1 s) cannot be over at 0 s");
            }
            nap(secs(2)).await; // the clock passes 1 s
            counting.0.load(Ordering::SeqCst)
        })
    });
    assert_eq!(
        wakes,
        1,
        "{}",
        if wakes == 0 {
            "a sleep polled by a waker never woke it when the clock passed its deadline: \
             Sleep::poll must leave a timer with cx.waker() on the heap"
                .to_string()
        } else {
            format!(
                "one sleep, polled five times by the same waker, woke it {wakes} times: each \
                 poll added a timer. Add one only when the waker is not the one registered \
                 last time (`registered.will_wake(cx.waker())`)"
            )
        }
    );
}

#[test]
fn take_due_takes_every_due_timer_earliest_first() {
    let order = watchdog::within(watchdog::LIMIT, HUNG, || {
        paused_loop().run(async {
            let start = now();
            let fired = Arc::new(Mutex::new(Vec::new()));
            let marker =
                |name: &'static str| Waker::from(Arc::new(Marker(name, Arc::clone(&fired))));
            with_timers(|timers| {
                timers.add(start + secs(2), marker("at 2 s"));
                timers.add(start + secs(1), marker("at 1 s"));
                timers.add(start + secs(3), marker("at 3 s, not due"));
                timers.add(start, marker("at 0 s"));
                for waker in timers.take_due(start + secs(2)) {
                    waker.wake();
                }
            });
            fired.lock().unwrap().clone()
        })
    });
    assert_eq!(
        order,
        ["at 0 s", "at 1 s", "at 2 s"],
        "take_due(2 s) must take every timer due at 2 s or before, earliest first, and \
         leave the later one on the heap{}",
        if order.len() == 1 {
            ": it took one. When several timers are due, all of them fire in this turn \
             (keep popping while the top of the heap is due)"
        } else {
            ""
        }
    );
}

/// A waker that writes its name down when woken.
struct Marker(&'static str, Arc<Mutex<Vec<&'static str>>>);

impl Wake for Marker {
    fn wake(self: Arc<Self>) {
        self.1.lock().unwrap().push(self.0);
    }
}

/// A driver that counts its parks: the turns of the loop.
struct TurnCounter {
    inner: ThreadParker,
    turns: Arc<AtomicUsize>,
}

impl Driver for TurnCounter {
    fn park(&mut self, timeout: Option<Duration>) {
        self.turns.fetch_add(1, Ordering::SeqCst);
        self.inner.park(timeout);
    }

    fn unparker(&self) -> Waker {
        self.inner.unparker()
    }
}

#[test]
fn sleeps_due_at_the_same_time_all_wake_in_the_same_turn() {
    let turns_seen = watchdog::within(watchdog::LIMIT, HUNG, || {
        let turns = Arc::new(AtomicUsize::new(0));
        let driver = TurnCounter {
            inner: ThreadParker::new(),
            turns: Arc::clone(&turns),
        };
        EventLoop::with_driver(TimerDriver::paused(driver)).run(async move {
            let start = now();
            let handles: Vec<_> = (0..3)
                .map(|_| {
                    let turns = Arc::clone(&turns);
                    spawn(async move {
                        nap(secs(1)).await;
                        // The turn that woke it, and the time.
                        (turns.load(Ordering::SeqCst), now() - start)
                    })
                })
                .collect();
            let mut seen = Vec::new();
            for handle in handles {
                seen.push(handle.await);
            }
            seen
        })
    });
    let (turns, times): (Vec<usize>, Vec<Duration>) = turns_seen.into_iter().unzip();
    assert!(
        times.iter().all(|time| *time == secs(1)),
        "three sleep(1 s) made at 0 s ended at {times:?}.{}",
        clock_hint(times[0].max(times[2]), secs(1))
    );
    assert!(
        turns.windows(2).all(|pair| pair[0] == pair[1]),
        "three sleeps due at 1 s woke after turns {turns:?} of the loop: \
         TimerDriver::park must wake every timer that is due (all of `take_due`), not one \
         per turn"
    );
}

#[test]
fn the_paused_clock_stands_still_while_a_task_is_ready() {
    // Direct calls on the driver, as the loop makes them.
    let (after_look, woken_by_look, after_wait, woken_by_wait) =
        watchdog::within(watchdog::LIMIT, HUNG, || {
            let mut driver = TimerDriver::paused(ThreadParker::new());
            let _entered = driver.enter();
            let start = now();
            let counting = Arc::new(Counting(AtomicUsize::new(0)));
            with_timers(|timers| timers.add(start + secs(1), Waker::from(Arc::clone(&counting))));
            // A task is ready: the loop asks the driver only to look.
            driver.park(Some(Duration::ZERO));
            let after_look = now() - start;
            let woken_by_look = counting.0.load(Ordering::SeqCst);
            if woken_by_look > 0 {
                return (after_look, woken_by_look, after_look, woken_by_look);
            }
            // Nothing is ready: now the clock may jump to the timer.
            driver.park(None);
            let after_wait = now() - start;
            (
                after_look,
                woken_by_look,
                after_wait,
                counting.0.load(Ordering::SeqCst),
            )
        });
    assert_eq!(
        (after_look, woken_by_look),
        (Duration::ZERO, 0),
        "park(Some(ZERO)), the loop's 'a task is ready, only look', moved the paused clock \
         to {after_look:?} (and woke {woken_by_look} timer(s)). The paused clock may jump \
         only when nothing is ready (timeout None): a task that is ready must see the time \
         it is, not the next deadline"
    );
    assert_eq!(
        (after_wait, woken_by_wait),
        (secs(1), 1),
        "park(None) with a timer at 1 s on the paused clock should move the clock to 1 s \
         and wake that timer; the clock went to {after_wait:?} and {woken_by_wait} timer(s) \
         woke"
    );
}

#[test]
fn a_task_that_keeps_yielding_sees_the_clock_stand_still() {
    let seen = watchdog::within(watchdog::LIMIT, HUNG, || {
        paused_loop().run(async {
            let start = now();
            let sleeper = spawn(nap(secs(1)));
            let mut seen = Vec::new();
            for _ in 0..5 {
                yield_now().await; // ready again at once: no time passes
                seen.push(now() - start);
            }
            sleeper.await;
            seen
        })
    });
    assert!(
        seen.iter().all(|elapsed| elapsed.is_zero()),
        "a task that only yields saw the paused clock at {seen:?}: the clock jumped to a \
         timer while a task was ready. Jump only when nothing is ready (timeout None)"
    );
}
