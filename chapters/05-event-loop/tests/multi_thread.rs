//! Step 10's mechanism, tested piece by piece: stealing, parking, one wake-up per
//! new task, never two polls at once, no lost wake-up, wakes from any thread, the
//! driver shared by idle workers, and a shutdown that drops every task.
//!
//! Each test runs under a watchdog: a runtime that loses a wake-up hangs, and the
//! watchdog's message names the piece that most likely lost it.

use std::future::{Future, poll_fn};
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Context, Poll};
use std::thread;
use std::time::{Duration, Instant};

use ch05_event_loop::block_on::FromThread;
use ch05_event_loop::multi_thread::{Runtime, Stats, current_worker, spawn};
use ch05_event_loop::net::{TcpListener, TcpStream};
use ch05_event_loop::{sleep, yield_now};
use course_kit::watchdog;

const LIMIT: Duration = Duration::from_secs(10);

/// Wait (on the test's thread, outside the runtime) until `done` says so.
fn wait_until(runtime: &Runtime, what: &str, done: impl Fn(Stats) -> bool) {
    let start = Instant::now();
    while !done(runtime.stats()) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{what}: the counters stayed at {:?}",
            runtime.stats()
        );
        thread::sleep(Duration::from_millis(1));
    }
}

// ANCHOR: stolen
#[test]
fn a_blocked_workers_queue_is_stolen_and_run() {
    watchdog::within(LIMIT, "a blocked worker's tasks were never stolen", || {
        let runtime = Runtime::new(2).unwrap();
        let (blocked_on, ran_on) = runtime
            .block_on(runtime.spawn(async {
                let me = current_worker().expect("a task runs on a worker");
                let (done, all_done) = mpsc::channel();
                for _ in 0..8 {
                    let done = done.clone();
                    // Spawned from a worker: these go on *this* worker's queue.
                    spawn(async move { done.send(current_worker()).unwrap() });
                }
                // Now block this worker (a blocking call in async code). Only another
                // worker, stealing from our queue, can run the eight.
                let ran_on: Vec<_> = (0..8)
                    .map(|_| all_done.recv_timeout(Duration::from_secs(5)))
                    .collect::<Result<_, _>>()
                    .expect("the tasks on a blocked worker's queue never ran: nobody stole them");
                (me, ran_on)
            }))
            .unwrap();
        assert!(
            ran_on
                .iter()
                .all(|&worker| worker.is_some() && worker != Some(blocked_on)),
            "worker {blocked_on} was blocked, yet its tasks ran on {ran_on:?}"
        );
        assert!(runtime.stats().steals >= 1, "{:?}", runtime.stats());
    });
}
// ANCHOR_END: stolen

#[test]
fn idle_workers_park_once_and_stay_asleep() {
    watchdog::within(LIMIT, "idle workers never parked", || {
        let runtime = Runtime::new(4).unwrap();
        runtime.block_on(async {});
        wait_until(&runtime, "each of 4 idle workers should park", |stats| {
            stats.parks >= 4
        });
        let before = runtime.stats();
        thread::sleep(Duration::from_millis(100));
        let after = runtime.stats();
        assert_eq!(
            after, before,
            "nothing happened for 100 ms, yet the workers woke up: they spin (a \
             park with a timeout, or a loop around try-and-sleep) instead of sleeping \
             until work comes"
        );
        assert_eq!(after.parks, 4, "each worker parks once: {after:?}");
        assert_eq!(
            after.driver_parks, 1,
            "one worker sleeps in epoll: {after:?}"
        );
    });
}

#[test]
fn one_new_task_wakes_one_worker_not_all() {
    watchdog::within(LIMIT, "a task spawned on an idle runtime never ran", || {
        let runtime = Runtime::new(4).unwrap();
        runtime.block_on(async {});
        wait_until(&runtime, "4 idle workers should park", |stats| {
            stats.parks >= 4
        });
        let before = runtime.stats();
        runtime.block_on(runtime.spawn(async {})).unwrap();
        wait_until(
            &runtime,
            "the woken worker should go back to sleep",
            |stats| stats.parks > before.parks,
        );
        let after = runtime.stats();
        assert_eq!(
            after.unparks - before.unparks,
            1,
            "one task, yet {} workers were woken: a thundering herd",
            after.unparks - before.unparks
        );
    });
}

/// A future that notices if two threads poll it at once, and is woken from
/// other threads while it is being polled.
struct Reentrant {
    in_poll: Arc<AtomicBool>,
    overlaps: Arc<AtomicUsize>,
    polls_left: usize,
}

impl Future for Reentrant {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.in_poll.swap(true, Ordering::AcqRel) {
            self.overlaps.fetch_add(1, Ordering::Relaxed);
        }
        // Wake ourselves from two other threads while this poll is still going on.
        let wakers = [cx.waker().clone(), cx.waker().clone()];
        let wakers: Vec<_> = wakers
            .into_iter()
            .map(|waker| thread::spawn(move || waker.wake()))
            .collect();
        for waker in wakers {
            waker
                .join()
                .expect("a thread that only wakes a task cannot panic");
        }
        self.in_poll.store(false, Ordering::Release);
        self.polls_left -= 1;
        if self.polls_left == 0 {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

#[test]
fn a_worker_handing_out_events_does_not_wake_itself() {
    watchdog::within(
        LIMIT,
        "a ping-pong over 127.0.0.1 on one worker hung",
        || {
            let runtime = Runtime::new(1).unwrap();
            runtime
                .block_on(runtime.spawn(async {
                    let listener =
                        TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
                    let addr = listener.local_addr().unwrap();
                    spawn(async move {
                        let (mut stream, _) = listener.accept().await.unwrap();
                        let mut byte = [0];
                        while let Ok(1) = stream.read(&mut byte).await {
                            stream.write_all(&byte).await.unwrap();
                        }
                    });
                    let mut client = TcpStream::connect(addr).await.unwrap();
                    for _ in 0..100 {
                        client.write_all(b"x").await.unwrap();
                        client.read_exact(&mut [0]).await.unwrap();
                    }
                }))
                .unwrap();
            // One wake through the driver is the spawn from this thread; every other
            // wake-up came from the worker's own events, and needs no system call.
            let stats = runtime.stats();
            assert!(
                stats.driver_wakes <= 1,
                "the only worker woke itself through the driver's eventfd {} times: \
             notify_one picked the worker that was handing out the events ({stats:?})",
                stats.driver_wakes
            );
        },
    );
}

#[test]
fn a_task_is_never_polled_by_two_workers_at_once() {
    watchdog::within(
        LIMIT,
        "tasks woken during their polls never finished",
        || {
            let runtime = Runtime::new(4).unwrap();
            let overlaps = Arc::new(AtomicUsize::new(0));
            let tasks: Vec<_> = (0..8)
                .map(|_| {
                    runtime.spawn(Reentrant {
                        in_poll: Arc::default(),
                        overlaps: Arc::clone(&overlaps),
                        polls_left: 20,
                    })
                })
                .collect();
            for task in tasks {
                runtime.block_on(task).unwrap();
            }
            assert_eq!(
                overlaps.load(Ordering::Relaxed),
                0,
                "a task was polled twice at once"
            );
            // Two wakes per poll, all during the poll: they merge into one more poll.
            assert_eq!(runtime.stats().polls, 8 * 20, "{:?}", runtime.stats());
        },
    );
}

#[test]
fn a_wake_during_a_poll_is_not_lost() {
    watchdog::within(
        LIMIT,
        "a task woken while it was being polled was never polled again: the wake-up \
         was lost (after a poll, RUNNING must become IDLE only if nobody woke it)",
        || {
            let runtime = Runtime::new(2).unwrap();
            for _ in 0..50 {
                let mut first = true;
                runtime
                    .block_on(runtime.spawn(poll_fn(move |cx| {
                        if !std::mem::take(&mut first) {
                            return Poll::Ready(());
                        }
                        // Woken from another thread, and the wake is done before
                        // this poll returns `Pending`.
                        let waker = cx.waker().clone();
                        thread::spawn(move || waker.wake()).join().unwrap();
                        Poll::Pending
                    })))
                    .unwrap();
            }
        },
    );
}

#[test]
fn a_wake_from_a_foreign_thread_runs_the_task() {
    watchdog::within(
        LIMIT,
        "a wake from a std::thread never ran its task",
        || {
            let runtime = Runtime::new(2).unwrap();
            let value = runtime.block_on(runtime.spawn(async {
                FromThread::spawn(|| {
                    thread::sleep(Duration::from_millis(10));
                    42
                })
                .await
            }));
            assert_eq!(value, Ok(42));
        },
    );
}

#[test]
fn timers_and_sockets_work_from_every_worker() {
    watchdog::within(LIMIT, "an echo over 127.0.0.1 on the runtime hung", || {
        let runtime = Runtime::new(2).unwrap();
        let echoed = runtime.block_on(async {
            let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
            let addr = listener.local_addr().unwrap();
            spawn(async move {
                while let Ok((mut stream, _)) = listener.accept().await {
                    spawn(async move {
                        let mut buf = [0; 64];
                        while let Ok(n @ 1..) = stream.read(&mut buf).await {
                            sleep(Duration::from_millis(1)).await;
                            if stream.write_all(&buf[..n]).await.is_err() {
                                break;
                            }
                        }
                    });
                }
            });
            let clients: Vec<_> = (0..16u8)
                .map(|n| {
                    spawn(async move {
                        let mut stream = TcpStream::connect(addr).await.unwrap();
                        stream.write_all(&[n; 32]).await.unwrap();
                        let mut back = [0; 32];
                        stream.read_exact(&mut back).await.unwrap();
                        back == [n; 32]
                    })
                })
                .collect();
            let mut all = true;
            for client in clients {
                all &= client.await.unwrap();
            }
            all
        });
        assert!(echoed, "a client got back other bytes than it sent");
    });
}

#[test]
fn a_timer_set_on_a_busy_worker_wakes_the_worker_asleep_in_epoll() {
    watchdog::within(
        LIMIT,
        "a 10 ms sleep set while the driver slept until a 60 s timer took seconds: \
         setting an earlier timer must wake the driver",
        || {
            let runtime = Runtime::new(2).unwrap();
            runtime.block_on(async {
                // The driver now sleeps until this one, a minute away.
                spawn(sleep(Duration::from_secs(60)));
                for _ in 0..3 {
                    yield_now().await;
                }
                let start = Instant::now();
                spawn(sleep(Duration::from_millis(10))).await.unwrap();
                assert!(start.elapsed() < Duration::from_secs(5));
            });
        },
    );
}

#[test]
fn a_task_moves_to_another_worker_when_its_own_is_blocked() {
    watchdog::within(
        LIMIT,
        "a task whose worker was blocked never ran again",
        || {
            let runtime = Runtime::new(2).unwrap();
            let (moved, _) =
                runtime.block_on(ch05_event_loop::multi_thread::moves_between_workers());
            let (before, after) = moved;
            assert_ne!(
                before, after,
                "the task should have been stolen from worker {before}"
            );
        },
    );
}

#[test]
fn a_panicking_task_ends_alone_and_the_worker_goes_on() {
    watchdog::within(
        LIMIT,
        "after a task panicked, the runtime stopped running tasks",
        || {
            let runtime = Runtime::new(1).unwrap();
            let failed = runtime.block_on(runtime.spawn(async { panic!("boom") }));
            assert!(failed.is_err());
            assert_eq!(runtime.block_on(runtime.spawn(async { 7 })), Ok(7));
        },
    );
}

/// Counts the live copies of itself.
struct Alive(Arc<AtomicUsize>);

impl Alive {
    fn new(count: &Arc<AtomicUsize>) -> Alive {
        count.fetch_add(1, Ordering::SeqCst);
        Alive(Arc::clone(count))
    }
}

impl Drop for Alive {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

// ANCHOR: shutdown
#[test]
fn dropping_the_runtime_while_tasks_steal_drops_every_task() {
    watchdog::within(
        LIMIT,
        "dropping a busy runtime hung: a worker never stopped",
        || {
            let alive = Arc::new(AtomicUsize::new(0));
            let runtime = Runtime::new(4).unwrap();
            runtime.block_on(async {
                for n in 0..1000 {
                    let alive = Alive::new(&alive);
                    spawn(async move {
                        let _alive = alive;
                        if n % 2 == 0 {
                            std::future::pending::<()>().await; // waits for ever
                        }
                        loop {
                            yield_now().await; // busy for ever: workers steal these
                        }
                    });
                }
            });
            wait_until(&runtime, "the workers should be busy", |stats| {
                stats.polls > 2000
            });
            assert_eq!(runtime.task_count(), 1000);
            drop(runtime);
            assert_eq!(
                alive.load(Ordering::SeqCst),
                0,
                "tasks still alive after the runtime was dropped"
            );
        },
    );
}
// ANCHOR_END: shutdown
