//! The tests of step 7: the mechanism of a work-stealing runtime, watched through
//! the given `Parker` and driver, which count every park, unpark and wait (your
//! runtime cannot sleep or wake a worker without them), and through futures that
//! watch how they are polled: a blocked worker's queue is stolen, idle workers park
//! and stay parked, one new task wakes one worker, a task is never run by two
//! workers at once, a wake during a poll or from a foreign thread is never lost,
//! timers and sockets work even when every worker is busy, and dropping the runtime
//! stops its threads, drops every task and closes every socket. 127.0.0.1 only.

use std::future::{Future, poll_fn};
use std::io::{self, Read};
use std::net::SocketAddr;
use std::pin::Pin;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

use course_kit::watchdog;

use crate::driver::{Handle, sleep};
use crate::multi_thread::{Runtime, spawn};
use crate::net::{TcpListener, TcpStream};
use crate::parker::Probe;
use crate::spawn::yield_now;

fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

/// Whether `condition` becomes true within `limit`, looking every millisecond. (An
/// observation of the runtime from outside, not a claim about how fast it is.)
fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if condition() {
            return true;
        }
        if start.elapsed() > limit {
            return false;
        }
        thread::sleep(Duration::from_millis(1));
    }
}

/// Wait until all `workers` sleep and nobody parks for 20 ms: a runtime at rest.
fn at_rest(probe: &Probe, workers: usize) -> bool {
    eventually(Duration::from_secs(2), || {
        let parks = probe.parks();
        probe.asleep() == workers && {
            thread::sleep(Duration::from_millis(20));
            probe.parks() == parks && probe.asleep() == workers
        }
    })
}

const NOT_AT_REST: &str = "the workers did not all fall asleep with nothing to do: a worker \
    that finds no task must park (`parker.park()`, or `parker.park_in(&mut driver)` when it \
    could take the driver), not look again and again; or a worker waits for the driver's \
    lock while another sleeps in it: take the driver with `try_lock`, and park on the \
    parker when it is taken";

/// What a hang while dropping a runtime usually means.
const SHUTDOWN: &str = "dropping the runtime did not return: set the shutdown flag before \
    joining the workers, unpark every worker (wherever it sleeps: `unpark` reaches a worker \
    parked on its parker or waiting in the driver), and let each worker look at the flag \
    before each task and before it parks, not only when it has nothing to do; or a worker \
    is stuck in the driver where it only meant to look (maintenance must look without \
    waiting: `park` with a zero timeout)";

/// Drop `runtime` under a watchdog: a drop that never wakes its workers hangs.
fn drop_in_time(runtime: Runtime) {
    watchdog::within(watchdog::LIMIT, SHUTDOWN, move || drop(runtime));
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

    fn waiting(&self) -> bool {
        self.0.lock().unwrap().1.is_some()
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
fn spawned_tasks_run_on_the_workers_and_give_their_output() {
    let (runtime, (outputs, on_caller)) = watchdog::within(
        watchdog::LIMIT,
        "a hundred spawned tasks did not all finish: does `schedule` queue the task and then \
         wake a worker (notify_one, after the task is in a queue: a worker woken before \
         the push may look, find nothing and sleep again)? Does the worker loop take \
         tasks (find_task) and run them? Does a worker wait for the driver's lock while \
         another sleeps in it (take it with `try_lock`)? Or dropping the runtime hung (the shutdown flag, \
         then every worker unparked, then joined)",
        || {
            let runtime = Runtime::new(2).unwrap();
            let caller = thread::current().id();
            let output = runtime.block_on(async move {
                let handles: Vec<_> = (0..100u64)
                    .map(|n| spawn(async move { (n * n, thread::current().id() == caller) }))
                    .collect();
                let mut outputs = Vec::new();
                let mut on_caller = 0;
                for handle in handles {
                    let (output, here) = handle.await;
                    outputs.push(output);
                    on_caller += usize::from(here);
                }
                (outputs, on_caller)
            });
            (runtime, output)
        },
    );
    drop_in_time(runtime);
    assert_eq!(outputs, (0..100).map(|n| n * n).collect::<Vec<u64>>());
    assert_eq!(
        on_caller, 0,
        "{on_caller} tasks ran on the thread that called block_on: tasks run on the workers"
    );
}

#[test]
fn a_blocked_workers_queue_is_stolen() {
    const CHILDREN: usize = 8;
    let (runtime, (ran, thieves)) = watchdog::within(
        watchdog::LIMIT,
        "a task blocked its worker until its children ran, and they never did",
        || {
            let runtime = Runtime::new(2).unwrap();
            let output = runtime.block_on(async {
                spawn(async {
                    // Spawned on a worker, the children go to that worker's own queue.
                    let (tx, rx) = mpsc::channel();
                    for _ in 0..CHILDREN {
                        let tx = tx.clone();
                        drop(spawn(async move {
                            let _ = tx.send(thread::current().id());
                        }));
                    }
                    // Then this task blocks its worker's thread (a blocking call in
                    // async code): only another worker, stealing from this one's
                    // queue, can run them now.
                    let mut ran = Vec::new();
                    while ran.len() < CHILDREN {
                        match rx.recv_timeout(Duration::from_secs(2)) {
                            Ok(thread) => ran.push(thread),
                            Err(_) => break,
                        }
                    }
                    let me = thread::current().id();
                    (ran.len(), ran.iter().all(|&thread| thread != me))
                })
                .await
            });
            (runtime, output)
        },
    );
    drop_in_time(runtime);
    assert!(
        ran == CHILDREN,
        "a task spawned {CHILDREN} tasks on its worker, then blocked that worker for 2 s \
         waiting for them: only {ran} ran. Either the other worker, with nothing to do, did \
         not steal from the blocked worker's queue (its `Stealer`, after finding the \
         injector empty), or it could not poll while the blocked worker was polling (a lock \
         shared by all workers and held around each poll lets one worker poll at a time)"
    );
    assert!(
        thieves,
        "the children ran on the blocked worker's own thread"
    );
}

#[test]
fn idle_workers_park_and_stay_parked() {
    let runtime = watchdog::within(watchdog::LIMIT, SHUTDOWN, idle_workers_stay_parked);
    drop_in_time(runtime);
}

fn idle_workers_stay_parked() -> Runtime {
    let runtime = Runtime::new(4).unwrap();
    let probe = runtime.probe();
    let driver = runtime.block_on(async { Handle::current().expect("inside block_on") });
    let rested = at_rest(&probe, 4);
    assert!(
        rested,
        "{NOT_AT_REST}. After 2 s with no task at all, {} of 4 workers were asleep ({} parks \
         so far){}",
        probe.asleep(),
        probe.parks(),
        if probe.parks() == 0 {
            ". No worker ever parked: either the workers loop without sleeping, or they \
             stopped (a `todo!()` or a panic in a worker ends its thread; \
             `cargo test -p ex05-multi-thread` shows its message with this test's output)"
        } else {
            ""
        }
    );
    let (parks, unparks, waits) = (probe.parks(), probe.unparks(), driver.waits());
    thread::sleep(Duration::from_millis(100));
    let (parks, unparks, waits) = (
        probe.parks() - parks,
        probe.unparks() - unparks,
        driver.waits() - waits,
    );
    assert!(
        parks == 0 && unparks == 0 && waits == 0 && probe.asleep() == 4,
        "a runtime with nothing to do must stay asleep. In 100 ms its workers parked {parks} \
         more times, were unparked {unparks} times and waited in the driver {waits} more \
         times: a worker sleeps until a task or an event wakes it (no timeout: \
         `driver.park(None)` is `park_in`'s, and nothing else should wait in a loop)"
    );
    runtime
}

#[test]
fn one_new_task_wakes_one_worker_not_all() {
    const WORKERS: usize = 6;
    let (runtime, probe) = watchdog::within(watchdog::LIMIT, SHUTDOWN, || {
        let runtime = Runtime::new(WORKERS).unwrap();
        let probe = runtime.probe();
        assert!(at_rest(&probe, WORKERS), "{NOT_AT_REST}");
        (runtime, probe)
    });
    let before = probe.unparks();
    let output = watchdog::within(
        watchdog::LIMIT,
        "a task spawned while every worker slept never ran: queuing it must wake a sleeping \
         worker (notify_one unparks one), after the task is in a queue: a worker woken \
         before the push may look, find nothing and sleep again",
        move || {
            let output = runtime.block_on(async { spawn(async { 42 }).await });
            (output, runtime)
        },
    );
    let (output, runtime) = output;
    assert_eq!(output, 42);
    assert!(at_rest(&probe, WORKERS), "{NOT_AT_REST}");
    let woken = probe.unparks() - before;
    assert!(
        woken <= 2,
        "one task, spawned while all {WORKERS} workers slept, cost {woken} unparks. One \
         worker is enough to run it: wake one sleeper per task (notify_one), not every \
         sleeper. Each needless wake-up is a thread that wakes, finds nothing and sleeps \
         again (the thundering herd)"
    );
    drop_in_time(runtime);
}

/// A future that, on each poll, waits for the other workers to sleep, then wakes
/// itself from three other threads (twice each) before its poll returns, and waits
/// to see whether those wakes sent another worker to poll it meanwhile.
struct WakesItselfWhilePolled {
    rounds: usize,
    polls: usize,
    in_poll: Arc<AtomicBool>,
    reentered: usize,
    probe: Arc<Probe>,
    workers: usize,
}

/// What [`WakesItselfWhilePolled`] saw.
struct Seen {
    polls: usize,
    reentered: usize,
    /// The other workers did not fall asleep while it waited for them.
    others_awake: bool,
}

impl Future for WakesItselfWhilePolled {
    type Output = Seen;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Seen> {
        if self.in_poll.swap(true, Ordering::SeqCst) {
            self.reentered += 1; // another poll of this future is running now
        }
        self.polls += 1;
        let probe = Arc::clone(&self.probe);
        let others = self.workers - 1;
        // Nothing for the other workers to do: they fall asleep.
        let others_awake = probe.collisions() == 0
            && !eventually(Duration::from_secs(1), || probe.asleep() >= others);
        if self.polls > self.rounds || probe.collisions() > 0 || others_awake {
            self.in_poll.store(false, Ordering::SeqCst);
            return Poll::Ready(Seen {
                polls: self.polls,
                reentered: self.reentered,
                others_awake,
            });
        }
        let (unparks, collisions, parks) = (probe.unparks(), probe.collisions(), probe.parks());
        let waker = cx.waker();
        thread::scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|| {
                    waker.wake_by_ref();
                    waker.wake_by_ref();
                });
            }
        });
        if probe.unparks() != unparks {
            // Those wakes woke a worker. Wait until it reaches this task's future
            // (being polled right now) or goes back to sleep.
            eventually(Duration::from_secs(1), || {
                probe.collisions() > collisions
                    || (probe.parks() > parks && probe.asleep() >= others)
            });
        }
        self.in_poll.store(false, Ordering::SeqCst);
        Poll::Pending
    }
}

#[test]
fn a_task_is_never_polled_by_two_workers_at_once() {
    const ROUNDS: usize = 20;
    const WORKERS: usize = 3;
    let runtime = Runtime::new(WORKERS).unwrap();
    let probe = runtime.probe();
    let (runtime, seen) = watchdog::within(
        watchdog::LIMIT,
        "a task that woke itself during its poll (from other threads, before the poll \
         returned) was never polled again: the wake was lost. After a poll, a task that is \
         NOTIFIED must be queued again; storing IDLE over NOTIFIED forgets the wake. Or the \
         worker woken to run it never found it: it was woken before the task was in a queue \
         (notify_one must come after the push), or it waits for the driver's lock while \
         another worker sleeps in the driver (take the driver with `try_lock`)",
        move || {
            let task = WakesItselfWhilePolled {
                rounds: ROUNDS,
                polls: 0,
                in_poll: Arc::default(),
                reentered: 0,
                probe: runtime.probe(),
                workers: WORKERS,
            };
            let seen = runtime.block_on(async { spawn(task).await });
            (runtime, seen)
        },
    );
    drop_in_time(runtime);
    let (collisions, reentered) = (probe.collisions(), seen.reentered);
    assert!(
        collisions == 0 && reentered == 0,
        "a task woke itself from other threads while it was being polled, and another \
         worker went to poll it at the same time ({collisions} times a worker found its \
         future locked by another, {reentered} polls inside a poll). A wake during a poll \
         must not queue the task: RUNNING -> NOTIFIED, and the worker polling it queues it \
         again once its poll is over. Only an IDLE task goes to a queue (IDLE -> SCHEDULED)"
    );
    assert!(
        !seen.others_awake,
        "{NOT_AT_REST}: while one task was being polled, the other workers, with nothing to \
         do, stayed awake for 1 s"
    );
    assert_eq!(
        seen.polls,
        ROUNDS + 1,
        "woken six times during each of {ROUNDS} polls, the task must be polled once more \
         after each: {} polls in all. A wake during a poll is one more poll, not six",
        ROUNDS + 1
    );
}

#[test]
fn a_wake_during_a_poll_is_not_lost() {
    const TASKS: usize = 20;
    let (runtime, polls) = watchdog::within(
        watchdog::LIMIT,
        "a task that was woken during its poll (from another thread, before the poll \
         returned Pending) was never polled again: the wake was lost. After a poll, a \
         task that is NOTIFIED (woken while RUNNING) must be queued again; storing IDLE \
         over NOTIFIED forgets that it was woken. Or the worker woken to run it never found \
         it: it was woken before the task was in a queue (notify_one must come after the \
         push), or it waits for the driver's lock while another worker sleeps in the driver \
         (take the driver with `try_lock`)",
        || {
            let runtime = Runtime::new(2).unwrap();
            let output = runtime.block_on(async {
                let handles: Vec<_> = (0..TASKS)
                    .map(|_| {
                        let mut polls = 0;
                        spawn(poll_fn(move |cx| {
                            polls += 1;
                            if polls == 2 {
                                return Poll::Ready(polls);
                            }
                            let waker = cx.waker().clone();
                            thread::spawn(move || waker.wake())
                                .join()
                                .expect("the waking thread");
                            Poll::Pending
                        }))
                    })
                    .collect();
                let mut polls = Vec::new();
                for handle in handles {
                    polls.push(handle.await);
                }
                polls
            });
            (runtime, output)
        },
    );
    drop_in_time(runtime);
    assert_eq!(
        polls,
        vec![2; TASKS],
        "each task: one poll, one wake, one more poll"
    );
}

#[test]
fn a_wake_from_a_foreign_thread_runs_the_task() {
    let (runtime, probe, signal, handle) = watchdog::within(watchdog::LIMIT, SHUTDOWN, || {
        let runtime = Runtime::new(2).unwrap();
        let probe = runtime.probe();
        let signal = Signal::default();
        let waiter = signal.clone();
        // Spawned inside the runtime, awaited later, after the wake.
        #[allow(clippy::async_yields_async)]
        let handle = runtime.block_on(async move { spawn(async move { waiter.wait().await }) });
        let rested = eventually(Duration::from_secs(2), || signal.waiting()) && at_rest(&probe, 2);
        assert!(
            rested,
            "the task should have waited on its signal, and both workers slept: {}",
            NOT_AT_REST
        );
        (runtime, probe, signal, handle)
    });
    let unparks = probe.unparks();
    let runtime = watchdog::within(
        watchdog::LIMIT,
        "a task woken by a plain std::thread (not a worker) never ran: a wake off the \
         workers must put the task in the injector and then wake a sleeping worker \
         (notify_one, after the push), since no worker is awake to look",
        move || {
            thread::spawn(move || signal.set())
                .join()
                .expect("the waking thread");
            runtime.block_on(handle);
            runtime
        },
    );
    assert!(
        probe.unparks() > unparks,
        "the task ran, but no worker was unparked for it"
    );
    drop_in_time(runtime);
}

#[test]
fn a_task_woken_on_another_runtimes_worker_runs_on_its_own_runtime() {
    let outcome = watchdog::within(
        watchdog::LIMIT,
        "a task of one runtime, woken by a task running on another runtime's worker, never \
         ran: `schedule` must push on this thread's worker queue only when that worker \
         belongs to the task's own runtime; otherwise on the task's runtime's injector, and \
         only then wake one of that runtime's workers (notify_one after the push). Or \
         dropping a runtime hung",
        || {
            let (first, second) = (Runtime::new(1).unwrap(), Runtime::new(1).unwrap());
            let signal = Signal::default();
            let waiter = signal.clone();
            let (done, finished) = mpsc::channel();
            // A task of the second runtime: it waits for the signal, then says where it ran.
            #[allow(clippy::async_yields_async)]
            let handle = second.block_on(async move {
                spawn(async move {
                    let before = thread::current().id();
                    waiter.wait().await;
                    let after = thread::current().id();
                    let _ = done.send(());
                    (before, after)
                })
            });
            assert!(
                eventually(Duration::from_secs(2), || signal.waiting()),
                "a task spawned on a one-worker runtime did not start within 2 s: `schedule` must \
                 queue the task, then wake a sleeping worker (notify_one after the push: a \
                 worker woken before it may look, find nothing and sleep again)"
            );
            // A task of the first runtime wakes it, then blocks its own worker until
            // the woken task has run (a second at most).
            let ran = first.block_on(async move {
                spawn(async move {
                    signal.set();
                    finished.recv_timeout(Duration::from_secs(1)).is_ok()
                })
                .await
            });
            drop(first);
            let (before, after) = second.block_on(handle);
            drop(second);
            (ran, before == after)
        },
    );
    assert!(
        outcome == (true, true),
        "a task of runtime B, woken by a task running on runtime A's only worker, {}. \
         `schedule` puts a task on this thread's own worker queue only when the worker \
         belongs to the task's runtime (compare `local.shared` with `self`); a task of \
         another runtime goes to its own runtime's injector, where its own workers find it",
        if outcome.0 {
            "ran on A's worker instead of B's"
        } else {
            "did not run while A's worker was blocked: either it waited in A's queue, not \
             in B's, or B's worker could not poll while A's was polling (a lock shared by \
             all workers and held around each poll lets one worker poll at a time)"
        }
    );
}

/// A task that counts its polls and leaves its waker where the test can reach it.
#[derive(Clone, Default)]
struct Polled(Arc<(AtomicUsize, Mutex<Option<Waker>>)>);

impl Polled {
    fn polls(&self) -> usize {
        self.0.0.load(Ordering::SeqCst)
    }

    /// Wake the task from this thread (not a worker): it goes to the injector.
    fn wake(&self) {
        let waker = self.0.1.lock().unwrap().clone();
        waker.expect("polled once").wake();
    }

    /// The task's future: pending for ever, polled once per wake.
    fn future(&self) -> impl Future<Output = ()> + Send + 'static {
        let state = Arc::clone(&self.0);
        poll_fn(move |cx| {
            *state.1.lock().unwrap() = Some(cx.waker().clone());
            state.0.fetch_add(1, Ordering::SeqCst);
            Poll::<()>::Pending
        })
    }
}

#[test]
fn a_task_queued_just_after_a_workers_last_look_still_runs() {
    const ROUNDS: usize = 5;
    const STRANDED: &str = "a worker that lists itself asleep must look at the queues once \
        more before it parks";
    let stranded = watchdog::within(
        watchdog::LIMIT,
        &format!(
            "a task queued just after a worker's last look found nothing never ran: {STRANDED} \
             (or dropping the runtime hung: the shutdown flag, then every worker unparked)"
        ),
        || {
            let runtime = Runtime::new(1).unwrap();
            let probe = runtime.probe();
            let task = Polled::default();
            runtime.block_on(async { drop(spawn(task.future())) });
            let mut stranded = None;
            for round in 0..ROUNDS {
                assert!(
                    eventually(Duration::from_secs(2), || task.polls() == 1 + 2 * round)
                        && at_rest(&probe, 1),
                    "a task woken from a plain thread was not polled, or the worker did not \
                     sleep afterwards: {NOT_AT_REST}"
                );
                // Hold the worker just after a look that finds nothing (the given `take`
                // reports each one), then wake the task: the worker polls it, looks for
                // the next task, finds none, and stops there.
                let (polls, looked) = (task.polls(), probe.found_nothing());
                probe.hold();
                task.wake();
                let held = eventually(Duration::from_secs(1), || {
                    task.polls() > polls && probe.found_nothing() > looked
                });
                // Queue the task now: the worker has looked, and is not yet listed as
                // asleep, so this wake finds no sleeper to unpark.
                task.wake();
                probe.release();
                if !eventually(Duration::from_secs(1), || task.polls() > polls + 1) {
                    stranded = Some(round);
                    break;
                }
                if !held {
                    break; // this find_task does not use `take`: nothing to hold it by
                }
            }
            drop(runtime);
            stranded
        },
    );
    assert!(
        stranded.is_none(),
        "a task was queued (from another thread) just after the only worker's last look at \
         the queues found nothing, before the worker listed itself on `sleepers`: its \
         notify_one found no sleeper to wake, and the worker went to sleep with the task \
         waiting in the injector; it never ran (round {} of {ROUNDS}): {STRANDED}: list \
         yourself first, then `has_work()`, then park only if there is none",
        stranded.map_or(0, |round| round + 1)
    );
}

#[test]
fn an_idle_worker_steals_from_every_blocked_worker() {
    const CHILDREN: usize = 4;
    let ran = watchdog::within(
        watchdog::LIMIT,
        "two tasks that block their workers until their children ran never finished; or \
         dropping the runtime hung (the shutdown flag, then every worker unparked)",
        || {
            let runtime = Runtime::new(3).unwrap();
            let started = Arc::new(AtomicUsize::new(0));
            let children = Arc::new(AtomicUsize::new(0));
            let ran = runtime.block_on(async move {
                let blockers: Vec<_> = (0..2)
                    .map(|_| {
                        let (started, children) = (Arc::clone(&started), Arc::clone(&children));
                        spawn(async move {
                            // Both blockers take a worker each before either spawns.
                            started.fetch_add(1, Ordering::SeqCst);
                            if !eventually(Duration::from_secs(2), || {
                                started.load(Ordering::SeqCst) == 2
                            }) {
                                return None;
                            }
                            // The children go to this worker's own queue; then this task
                            // blocks its worker until every child of both blockers ran:
                            // only the third worker, idle, can run them, by stealing from
                            // both blocked workers.
                            for _ in 0..CHILDREN {
                                let children = Arc::clone(&children);
                                drop(spawn(async move {
                                    children.fetch_add(1, Ordering::SeqCst);
                                }));
                            }
                            eventually(Duration::from_secs(1), || {
                                children.load(Ordering::SeqCst) == 2 * CHILDREN
                            });
                            // How many had run when this worker stopped waiting.
                            Some(children.load(Ordering::SeqCst))
                        })
                    })
                    .collect();
                let mut ran = Vec::new();
                for blocker in blockers {
                    ran.push(blocker.await);
                }
                ran
            });
            drop(runtime);
            ran
        },
    );
    assert!(
        ran.iter().all(Option::is_some),
        "two tasks spawned from block_on were not both started within 2 s on a runtime of \
         three workers (while one blocked its worker): an idle worker must take tasks from \
         the injector, and steal from a worker whose own queue holds them; and two workers \
         must be able to poll at once (no lock shared by all workers held around each poll)"
    );
    let ran = ran.into_iter().flatten().min().unwrap_or(0);
    assert!(
        ran == 2 * CHILDREN,
        "two workers were blocked, each waiting until the {CHILDREN} tasks in its own queue \
         and the other's had run; the third worker, idle, ran {ran} of the {} in 1 s. A \
         worker that finds its own queue and the injector empty must try every other \
         worker's queue in turn, not only one of them; and the idle worker must be woken \
         when a task goes on a worker's own queue too (`notify_one` after every push, \
         not only after a push to the injector)",
        2 * CHILDREN
    );
}

#[test]
fn sleep_and_an_echo_over_loopback_work_on_the_runtime() {
    let (runtime, output) = watchdog::within(
        watchdog::LIMIT,
        "a 20 ms sleep or an echo over 127.0.0.1 never finished: a worker with nothing to \
         do must wait in the driver when it can take it (`parker.park_in(&mut driver)`), \
         so that timers fire and sockets are read",
        || {
            let runtime = Runtime::new(2).unwrap();
            let output = runtime.block_on(async {
                let slept = spawn(async {
                    let start = Instant::now();
                    sleep(Duration::from_millis(20)).await;
                    start.elapsed()
                });
                let listener = TcpListener::bind(loopback())?;
                let addr = listener.local_addr()?;
                drop(spawn(async move {
                    let (mut stream, _) = listener.accept().await?;
                    let mut buf = [0; 64];
                    loop {
                        match stream.read(&mut buf).await? {
                            0 => return io::Result::Ok(()),
                            n => stream.write_all(&buf[..n]).await?,
                        }
                    }
                }));
                let echoed = spawn(async move {
                    let mut stream = TcpStream::connect(addr).await?;
                    stream.write_all(b"ping\n").await?;
                    let mut reply = [0; 5];
                    stream.read_exact(&mut reply).await?;
                    io::Result::Ok(reply)
                })
                .await?;
                io::Result::Ok((slept.await, echoed))
            });
            (runtime, output)
        },
    );
    drop_in_time(runtime);
    let (slept, echoed) = output.expect("the echo failed");
    assert!(
        slept >= Duration::from_millis(20),
        "a 20 ms sleep ended after {slept:?}"
    );
    assert_eq!(&echoed, b"ping\n");
}

#[test]
fn timers_and_new_tasks_still_run_while_every_worker_is_busy() {
    // Eight tasks that yield until told to stop (or, if nothing ever tells them, for
    // 2 s): both workers stay busy, and neither ever runs out of tasks.
    let (runtime, (gave_up, answer)) = watchdog::within(
        watchdog::LIMIT,
        "a runtime whose workers were all busy did not finish",
        || {
            let runtime = Runtime::new(2).unwrap();
            let output = runtime.block_on(async {
                let stop = Arc::new(AtomicBool::new(false));
                let gave_up = Arc::new(AtomicBool::new(false));
                for _ in 0..8 {
                    let (stop, gave_up) = (Arc::clone(&stop), Arc::clone(&gave_up));
                    drop(spawn(async move {
                        let start = Instant::now();
                        while !stop.load(Ordering::SeqCst) {
                            if start.elapsed() > Duration::from_secs(2) {
                                gave_up.store(true, Ordering::SeqCst);
                                break;
                            }
                            yield_now().await;
                        }
                    }));
                }
                // A timer, which only the driver fires, and a task from outside the
                // workers, which goes to the injector.
                sleep(Duration::from_millis(10)).await;
                let answer = spawn(async { 42 }).await;
                stop.store(true, Ordering::SeqCst);
                (gave_up.load(Ordering::SeqCst), answer)
            });
            (runtime, output)
        },
    );
    drop_in_time(runtime);
    assert_eq!(answer, 42);
    assert!(
        !gave_up,
        "a 10 ms timer and a task spawned from block_on waited until the busy tasks gave \
         up (2 s later): while every worker runs tasks, none waits in the driver, and none \
         looks at the injector (its own queue is never empty). Every MAINTENANCE_INTERVAL \
         tasks, a worker must look at the driver (try_lock, then \
         `driver.park(Some(Duration::ZERO))`) and take tasks from the injector"
    );
}

/// Counts its drops.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A future that keeps its own waker: once polled, nothing but itself owns its task.
struct KeepsItsOwnWaker(Option<Waker>);

impl Future for KeepsItsOwnWaker {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.0 = Some(cx.waker().clone());
        Poll::Pending
    }
}

fn pending_with_own_waker() -> KeepsItsOwnWaker {
    KeepsItsOwnWaker(None)
}

#[test]
fn dropping_the_runtime_drops_every_task_and_closes_its_sockets() {
    const EACH: usize = 4;
    // The test's own end of some connections: plain blocking sockets, outside the runtime.
    let server = std::net::TcpListener::bind(loopback()).expect("127.0.0.1:0 is free");
    let addr = server.local_addr().expect("a bound socket has an address");
    let dropped = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&dropped);
    let (runtime, total, peers, listener_addr) = watchdog::within(
        watchdog::LIMIT,
        "the tasks of this test (waiting on themselves, on a timer, on a socket, yielding, \
         awaiting another task, and a listener) did not all start and connect, on three \
         workers, while some yield for ever: do busy workers look at the driver and the \
         injector every MAINTENANCE_INTERVAL tasks?",
        move || {
            let dropped = counter;
            let started = Arc::new(AtomicUsize::new(0));
            let runtime = Runtime::new(3).unwrap();
            let listener_addr = runtime.block_on(async {
                let mut spawned = 0;
                let mut add = |future: Pin<Box<dyn Future<Output = ()> + Send>>| {
                    let counted = Counted(Arc::clone(&dropped));
                    let started = Arc::clone(&started);
                    spawned += 1;
                    drop(spawn(async move {
                        let _counted = counted;
                        started.fetch_add(1, Ordering::SeqCst);
                        future.await;
                    }));
                };
                for _ in 0..EACH {
                    // Owned only by its own waker.
                    add(Box::pin(pending_with_own_waker()));
                    // Owned by the driver's timer heap.
                    add(Box::pin(async { sleep(Duration::from_secs(3600)).await }));
                    // Owned by the driver's table of sockets.
                    add(Box::pin(async move {
                        if let Ok(mut stream) = TcpStream::connect(addr).await {
                            let _ = stream.read(&mut [0; 8]).await;
                        }
                    }));
                    // Always in a queue.
                    add(Box::pin(async {
                        loop {
                            yield_now().await;
                        }
                    }));
                    // Waiting for a task that waits for ever.
                    add(Box::pin(async {
                        spawn(pending_with_own_waker()).await;
                    }));
                }
                let listener = TcpListener::bind(loopback()).expect("127.0.0.1:0 is free");
                let listener_addr = listener.local_addr().expect("a bound socket");
                add(Box::pin(async move {
                    while let Ok((stream, _)) = listener.accept().await {
                        drop(spawn(async move {
                            let _stream = stream;
                            pending_with_own_waker().await;
                        }));
                    }
                }));
                let total = spawned;
                while started.load(Ordering::SeqCst) < total {
                    sleep(Duration::from_millis(1)).await;
                }
                listener_addr
            });
            let total = started.load(Ordering::SeqCst);
            let peers: Vec<std::net::TcpStream> = (0..EACH)
                .map(|_| server.accept().expect("the tasks connected").0)
                .collect();
            (runtime, total, peers, listener_addr)
        },
    );
    watchdog::within(
        watchdog::LIMIT,
        "dropping the runtime did not return: set the shutdown flag, unpark every worker \
         (wherever it sleeps), and join their threads; a worker must check the flag \
         between tasks, not only when idle",
        move || drop(runtime),
    );
    let dropped = dropped.load(Ordering::SeqCst);
    assert!(
        dropped == total,
        "the runtime owned {total} tasks when it was dropped, and {dropped} were dropped \
         with it. A task waiting on its own waker, a timer or a socket is owned only by \
         the wakers it left there: dropping the runtime must take the future out of every \
         task it spawned (keep a list of them), after the workers have stopped"
    );
    for mut peer in peers {
        peer.set_read_timeout(Some(Duration::from_secs(2)))
            .expect("a timeout of 2 s is valid");
        let read = peer.read(&mut [0; 8]);
        assert!(
            matches!(read, Ok(0))
                || read.is_err_and(|e| e.kind() == io::ErrorKind::ConnectionReset),
            "a socket held by a task of the dropped runtime was still open: its peer saw no \
             end of stream in 2 s. Dropping the runtime must drop the tasks' futures, and \
             with them their sockets"
        );
    }
    assert!(
        std::net::TcpStream::connect(listener_addr).is_err(),
        "a dropped runtime's listener still accepts connections"
    );
}

#[test]
fn dropping_a_busy_runtime_stops_its_workers_and_drops_every_task() {
    for _ in 0..10 {
        // Every task holds a `Counted`: `spawned` counts them as they are made.
        let spawned = Arc::new(AtomicUsize::new(0));
        let dropped = Arc::new(AtomicUsize::new(0));
        let polls = Arc::new(AtomicUsize::new(0));
        let counted = {
            let (spawned, dropped) = (Arc::clone(&spawned), Arc::clone(&dropped));
            move || {
                spawned.fetch_add(1, Ordering::SeqCst);
                Counted(Arc::clone(&dropped))
            }
        };
        let (runtime, busy) = watchdog::within(
            watchdog::LIMIT,
            "four tasks that yield in a loop, beside tasks that spawn tasks, did not all \
             start: does `schedule` queue a task and wake a worker?",
            {
                let polls = Arc::clone(&polls);
                move || {
                    let runtime = Runtime::new(4).unwrap();
                    let counter = Arc::clone(&polls);
                    runtime.block_on(async move {
                        for _ in 0..4 {
                            // Spawns tasks on its own worker, which the others steal:
                            // some yield once, some keep their own waker (owned by
                            // nothing else: only the runtime's drop can drop them).
                            let (counted, mine) = (counted.clone(), counted());
                            drop(spawn(async move {
                                let _mine = mine;
                                loop {
                                    for _ in 0..4 {
                                        let child = counted();
                                        drop(spawn(async move {
                                            let _child = child;
                                            yield_now().await;
                                        }));
                                        let child = counted();
                                        drop(spawn(async move {
                                            let _child = child;
                                            pending_with_own_waker().await;
                                        }));
                                    }
                                    yield_now().await;
                                }
                            }));
                        }
                        for _ in 0..4 {
                            let (counter, mine) = (Arc::clone(&counter), counted());
                            drop(spawn(async move {
                                let _mine = mine;
                                loop {
                                    counter.fetch_add(1, Ordering::SeqCst);
                                    yield_now().await;
                                }
                            }));
                        }
                    });
                    let busy = eventually(Duration::from_secs(2), || {
                        polls.load(Ordering::SeqCst) > 1000
                    });
                    (runtime, busy)
                }
            },
        );
        assert!(
            busy,
            "four tasks that yield in a loop were polled {} times in 2 s: a yield wakes the \
             task during its poll, so each yield is one more poll; if the task is not polled \
             again, that wake was lost (a NOTIFIED task must be queued again after its poll). \
             Or no worker could poll them: a lock shared by all workers and held around each \
             poll lets one worker poll at a time, and a task that blocks stops them all",
            polls.load(Ordering::SeqCst)
        );
        watchdog::within(
            watchdog::LIMIT,
            "dropping a runtime whose workers were busy (tasks that yield, tasks that spawn \
             tasks that others steal) did not return: a worker must check the shutdown flag \
             before each task, not only when it has nothing to do, and drop must set the \
             flag, then unpark every worker (wherever it sleeps), then join them",
            move || drop(runtime),
        );
        let (spawned, dropped) = (
            spawned.load(Ordering::SeqCst),
            dropped.load(Ordering::SeqCst),
        );
        assert!(
            dropped == spawned,
            "{spawned} tasks were spawned before or while a busy runtime was dropped, and \
             {dropped} were dropped with it. Tasks keep spawning until the workers stop: \
             take the list of tasks (and drop their futures) only after every worker has \
             been joined, or a task spawned meanwhile, owned only by its own waker, is never \
             dropped"
        );
    }
}

/// How many files and threads this process has, where the OS tells it (Linux).
fn files_and_threads() -> Option<(usize, usize)> {
    let count = |dir| Some(std::fs::read_dir(dir).ok()?.count());
    Some((count("/proc/self/fd")?, count("/proc/self/task")?))
}

/// Set in the copy of this test binary that counts the files and threads.
const ALONE: &str = "EX05_MULTI_THREAD_ALONE";

#[test]
fn dropping_runtimes_leaves_no_file_or_thread_behind() {
    if std::env::var_os(ALONE).is_none() {
        // Other tests open sockets and start threads beside this one, which would
        // change the counts: run this test again, alone, in a process of its own.
        let name = format!(
            "{}::dropping_runtimes_leaves_no_file_or_thread_behind",
            module_path!()
                .split_once("::")
                .map_or("tests", |(_, path)| path)
        );
        let exe = std::env::current_exe().expect("the test binary's path");
        let output = Command::new(exe)
            .args([name.as_str(), "--exact", "--test-threads=1", "--nocapture"])
            .env(ALONE, "1")
            .env("RUST_BACKTRACE", "0")
            .output()
            .expect("the test binary runs again");
        // What it said from its first panic on, without the notes.
        let said = String::from_utf8_lossy(&output.stderr);
        let said: Vec<&str> = said
            .lines()
            .skip_while(|line| !line.contains("panicked at"))
            .filter(|line| !line.is_empty() && !line.starts_with("note:"))
            .take(12)
            .collect();
        assert!(
            output.status.success() && String::from_utf8_lossy(&output.stdout).contains("1 passed"),
            "run alone, the test said:\n{}",
            said.join("\n")
        );
        return;
    }
    if files_and_threads().is_none() {
        return; // not Linux: the other drop tests check what they can
    }
    let (before, after) = watchdog::within(
        watchdog::LIMIT,
        "twenty runtimes with waiting servers and clients were not all dropped: dropping the \
         runtime must set the shutdown flag, unpark every worker (wherever it sleeps), and \
         join them",
        || {
            // One runtime first, so that whatever the first one sets up once for the
            // process is not counted as a leak.
            drop(Runtime::new(1).unwrap());
            let before = files_and_threads();
            for _ in 0..20 {
                let runtime = Runtime::new(3).unwrap();
                runtime.block_on(async {
                    let listener = TcpListener::bind(loopback()).expect("127.0.0.1:0 is free");
                    let addr = listener.local_addr().expect("a bound socket");
                    drop(spawn(async move {
                        while let Ok((mut stream, _)) = listener.accept().await {
                            drop(spawn(async move {
                                let _ = stream.read(&mut [0; 8]).await; // waits for ever
                            }));
                        }
                    }));
                    let client = TcpStream::connect(addr)
                        .await
                        .expect("the listener accepts");
                    drop(spawn(async move {
                        let mut client = client;
                        let _ = client.read(&mut [0; 8]).await; // waits for ever
                    }));
                    sleep(Duration::from_millis(2)).await;
                });
                drop(runtime);
            }
            (before, files_and_threads())
        },
    );
    let ((files_before, threads_before), (files_after, threads_after)) =
        (before.expect("counted"), after.expect("counted"));
    assert!(
        threads_after == threads_before,
        "threads before 20 runtimes were dropped: {threads_before}, after: {threads_after}. \
         Dropping the runtime must stop its workers and join their threads"
    );
    assert!(
        files_after == files_before,
        "open files before 20 runtimes (each with a listener, a client and the accepted \
         connection, all waiting) were dropped: {files_before}, after: {files_after}. \
         Dropping the runtime must drop every task's future, which closes its sockets; \
         a task that waits on a socket is owned only by the waker it left in the driver, \
         so without that it is never dropped, and neither is the driver"
    );
}
