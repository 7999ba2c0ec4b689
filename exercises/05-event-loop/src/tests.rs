//! The tests of the chapter 5 exercises. The solutions crate runs this same file, so
//! what passes there is exactly what you are asked for here.

use std::time::Duration;

use ch05_event_loop::EventLoop;
use course_kit::watchdog;

/// Long enough for any honest answer; a future that is never woken is stopped here.
const LIMIT: Duration = watchdog::LIMIT;

/// A loop whose clock jumps from timer to timer: a 1 s sleep takes microseconds,
/// and the clock still reads exactly 1 s later.
fn paused_loop() -> EventLoop {
    EventLoop::with_paused_clock().expect("a loop needs only an epoll and an eventfd")
}

mod counting_waker {
    use crate::counting_waker::CountingWaker;
    use std::future::Future;
    use std::sync::Arc;
    use std::task::{Context, Poll, Waker};

    #[test]
    fn a_new_counter_starts_at_zero() {
        assert_eq!(CountingWaker::new().count(), 0);
    }

    #[test]
    fn wake_by_ref_counts_every_call() {
        let counter = CountingWaker::new();
        let waker = Waker::from(Arc::clone(&counter));
        for _ in 0..3 {
            waker.wake_by_ref();
        }
        assert_eq!(
            counter.count(),
            3,
            "three wake_by_ref calls, three wake-ups"
        );
    }

    #[test]
    fn clones_share_one_count_and_wake_counts_too() {
        let counter = CountingWaker::new();
        let waker = Waker::from(Arc::clone(&counter));
        let clone = waker.clone();
        clone.wake(); // consumes the clone
        waker.wake_by_ref();
        assert_eq!(
            counter.count(),
            2,
            "every clone of a waker wakes the same thing"
        );
    }

    #[test]
    fn wakes_from_other_threads_all_count() {
        let counter = CountingWaker::new();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let waker = Waker::from(Arc::clone(&counter));
                std::thread::spawn(move || (0..1000).for_each(|_| waker.wake_by_ref()))
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert_eq!(
            counter.count(),
            4000,
            "a waker may be called from any thread"
        );
    }

    #[test]
    fn yield_now_wakes_its_task_exactly_once() {
        let counter = CountingWaker::new();
        let waker = Waker::from(Arc::clone(&counter));
        let mut cx = Context::from_waker(&waker);
        let mut future = Box::pin(ch05_event_loop::yield_now());
        assert_eq!(future.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(
            counter.count(),
            1,
            "yield_now wakes itself to be polled again"
        );
        assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready(()));
        assert_eq!(counter.count(), 1, "and once ready it wakes nobody");
    }
}

mod sleep {
    use super::*;
    use crate::sleep::sleep;
    use ch05_event_loop::timer::{now, pending_timers};
    use ch05_event_loop::{spawn, yield_now};
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    const NEVER_WOKEN: &str = "Your Sleep returned Pending but the loop was never asked to \
        wake it, so the loop waits for ever. Before returning Pending, call \
        `ch05_event_loop::timer::wake_at(deadline, cx.waker().clone())`.";

    #[test]
    fn sleeping_one_second_takes_one_second() {
        let took = watchdog::within(LIMIT, NEVER_WOKEN, || {
            paused_loop().run(async {
                let start = now();
                sleep(Duration::from_secs(1)).await;
                now() - start
            })
        });
        assert_eq!(
            took,
            Duration::from_secs(1),
            "on the paused clock, exactly 1 s"
        );
    }

    #[test]
    fn two_sleeps_in_sequence_add_up_to_three_seconds() {
        let took = watchdog::within(LIMIT, NEVER_WOKEN, || {
            paused_loop().run(async {
                let start = now();
                sleep(Duration::from_secs(1)).await;
                sleep(Duration::from_secs(2)).await;
                now() - start
            })
        });
        assert_eq!(
            took,
            Duration::from_secs(3),
            "say_after(1), then say_after(2)"
        );
    }

    #[test]
    fn concurrent_sleeps_take_as_long_as_the_longest() {
        let took = watchdog::within(LIMIT, NEVER_WOKEN, || {
            paused_loop().run(async {
                let start = now();
                let handles: Vec<_> = (1..=3)
                    .map(|s| spawn(sleep(Duration::from_secs(s))))
                    .collect();
                for handle in handles {
                    handle.await.unwrap();
                }
                now() - start
            })
        });
        assert_eq!(
            took,
            Duration::from_secs(3),
            "1 s, 2 s and 3 s at once: 3 s"
        );
    }

    #[test]
    fn a_zero_sleep_is_ready_on_the_first_poll() {
        let first = watchdog::within(LIMIT, NEVER_WOKEN, || {
            paused_loop().run(async {
                let mut cx = Context::from_waker(Waker::noop());
                Box::pin(sleep(Duration::ZERO)).as_mut().poll(&mut cx)
            })
        });
        assert_eq!(first, Poll::Ready(()), "the deadline is already here");
    }

    #[test]
    fn polling_again_does_not_add_a_second_timer() {
        let timers = watchdog::within(LIMIT, NEVER_WOKEN, || {
            paused_loop().run(async {
                let mut future = Box::pin(sleep(Duration::from_secs(5)));
                let mut polls = 0;
                // Poll it three times from this task, letting the loop turn between.
                std::future::poll_fn(|cx| {
                    assert_eq!(future.as_mut().poll(cx), Poll::Pending);
                    polls += 1;
                    Poll::Ready(())
                })
                .await;
                for _ in 0..2 {
                    yield_now().await;
                    std::future::poll_fn(|cx| {
                        assert_eq!(future.as_mut().poll(cx), Poll::Pending);
                        Poll::Ready(())
                    })
                    .await;
                    polls += 1;
                }
                (polls, pending_timers())
            })
        });
        assert_eq!(
            timers,
            (3, 1),
            "three polls by one task should leave one timer on the heap, not three"
        );
    }
}

mod join_handle {
    use super::*;
    use crate::join_handle::spawn;
    use ch05_event_loop::timer::now;
    use ch05_event_loop::{sleep, yield_now};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    const NEVER_WOKEN: &str = "Awaiting your JoinHandle never finished. If the output is not \
        there yet, the handle must leave `cx.waker().clone()` in the shared state, and \
        the task must take that waker and call `wake()` after storing its output.";

    #[test]
    fn the_handle_gives_the_task_output() {
        let output = watchdog::within(LIMIT, NEVER_WOKEN, || {
            paused_loop().run(async { spawn(async { 6 * 7 }).await })
        });
        assert_eq!(output, 42);
    }

    #[test]
    fn awaiting_before_the_task_finishes_waits_for_it() {
        let (output, took) = watchdog::within(LIMIT, NEVER_WOKEN, || {
            paused_loop().run(async {
                let start = now();
                let handle = spawn(async {
                    sleep(Duration::from_secs(2)).await;
                    "slept"
                });
                (handle.await, now() - start)
            })
        });
        assert_eq!((output, took), ("slept", Duration::from_secs(2)));
    }

    #[test]
    fn awaiting_after_the_task_finished_returns_at_once() {
        let output = watchdog::within(LIMIT, NEVER_WOKEN, || {
            paused_loop().run(async {
                let handle = spawn(async { "done early" });
                // Let the task run to the end before anyone awaits it.
                for _ in 0..3 {
                    yield_now().await;
                }
                handle.await
            })
        });
        assert_eq!(output, "done early");
    }

    #[test]
    fn dropping_the_handle_does_not_cancel_the_task() {
        let finished = watchdog::within(LIMIT, NEVER_WOKEN, || {
            let finished = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&finished);
            paused_loop().run(async move {
                drop(spawn(async move {
                    sleep(Duration::from_secs(1)).await;
                    flag.store(true, Ordering::SeqCst);
                }));
                sleep(Duration::from_secs(2)).await;
            });
            finished.load(Ordering::SeqCst)
        });
        assert!(
            finished,
            "a dropped handle detaches the task; it still runs"
        );
    }

    #[test]
    fn a_thousand_handles_each_get_their_own_output() {
        let outputs = watchdog::within(LIMIT, NEVER_WOKEN, || {
            paused_loop().run(async {
                let handles: Vec<_> = (0..1000u64)
                    .map(|n| {
                        spawn(async move {
                            sleep(Duration::from_millis(1000 - n)).await;
                            n * n
                        })
                    })
                    .collect();
                let mut outputs = Vec::new();
                for handle in handles {
                    outputs.push(handle.await);
                }
                outputs
            })
        });
        assert_eq!(outputs, (0..1000u64).map(|n| n * n).collect::<Vec<_>>());
    }
}
