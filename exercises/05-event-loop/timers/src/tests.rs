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
use crate::spawn::{EventLoop, ThreadParker, yield_now};
use crate::timers::{TimerDriver, now, sleep};

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

/// `sleep`, with its polls counted: a spinning sleep fails with its diagnosis.
async fn nap(duration: Duration) {
    counted(sleep(duration), Arc::default()).await
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
    assert_eq!(took, secs(3), "1 s then 2 s, one after the other: 3 s");
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
    assert_eq!(took, secs(2), "1 s and 2 s at the same time: 2 s");
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
    assert_eq!(
        took,
        secs(2),
        "sleep(1 s) made at 0 s is due at 1 s, however late it is first polled; got \
         {took:?}. Fix the deadline in `sleep`, not in the first `poll`"
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
    assert_eq!(took, Duration::from_millis(999));
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
    assert_eq!(took, secs(1));
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
