//! Step 2, second half: the event loop itself, one thread running many tasks.
//!
//! This is `asyncio`'s `BaseEventLoop` in miniature. It owns:
//!
//! - the **ready queue**: tasks to poll and callbacks to call, in FIFO order
//!   (asyncio's `self._ready` deque);
//! - the **timer heap**, in [`timer`](crate::timer) (asyncio's `self._scheduled`);
//! - the **reactor**, in [`reactor`](crate::reactor), which asks the OS which
//!   sockets are ready (asyncio's `self._selector`).
//!
//! Each turn of [`EventLoop::run`] is asyncio's `_run_once`: wait for IO (no longer
//! than the next timer, not at all if something is ready), move expired timers to
//! the ready queue, then run everything that was ready when the turn began.
//!
//! The loop's state lives on the thread that runs it. Tasks reach it through a
//! thread-local, as asyncio's `get_running_loop()` does, which is why `spawn`,
//! `sleep` and `call_soon` are free functions. Only the ready queue is shared with
//! other threads (a waker may be called from anywhere), behind a mutex, with a
//! `mio::Waker` to interrupt the loop if it is asleep in the OS.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::pin::pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use crate::reactor::Reactor;
use crate::task::{JoinHandle, Runnable, Task, lock};
use crate::timer::{Clock, Timers};

// ANCHOR: job
/// One entry of the ready queue.
pub(crate) enum Job {
    /// Poll the future given to [`EventLoop::run`] (the one `asyncio.run` runs).
    Main,
    /// Poll a spawned task.
    Task(Arc<dyn Runnable>),
    /// Call a function: `loop.call_soon(f)`.
    Callback(Box<dyn FnOnce() + Send>),
}
// ANCHOR_END: job

// ANCHOR: shared
/// The part of the loop that other threads may touch: the ready queue.
pub(crate) struct Shared {
    queue: Mutex<ReadyQueue>,
    /// Interrupts the OS wait in [`Reactor::poll`] when work arrives while the
    /// loop sleeps there.
    wake_reactor: mio::Waker,
}

struct ReadyQueue {
    jobs: VecDeque<Job>,
    /// The loop is (about to be) asleep in the OS and must be woken to see new jobs.
    sleeping: bool,
    /// The loop is gone; new jobs are dropped instead of piling up.
    closed: bool,
}

impl Shared {
    /// Queue a job. From the loop's own thread this is a push; from another thread
    /// it may also interrupt the OS wait, which is `call_soon_threadsafe`.
    pub(crate) fn push(&self, job: Job) {
        let mut queue = lock(&self.queue);
        if queue.closed {
            return;
        }
        queue.jobs.push_back(job);
        let asleep = std::mem::replace(&mut queue.sleeping, false);
        drop(queue);
        if asleep {
            // Writing to mio's eventfd cannot fail while the loop exists, and if
            // it did the loop would still wake at its next timer or IO event.
            let _ = self.wake_reactor.wake();
        }
    }
}
// ANCHOR_END: shared

/// The loop's state on its own thread.
pub(crate) struct Core {
    pub(crate) shared: Arc<Shared>,
    pub(crate) timers: RefCell<Timers>,
    pub(crate) reactor: RefCell<Reactor>,
    pub(crate) clock: Clock,
}

thread_local! {
    /// The loop running on this thread, if any: `asyncio.get_running_loop()`.
    static CURRENT: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
}

/// Run `f` with the running loop, or panic with asyncio's message if there is none:
/// calling `spawn` or `sleep` outside [`EventLoop::run`] is a bug in the program.
pub(crate) fn with_core<R>(f: impl FnOnce(&Core) -> R) -> R {
    CURRENT.with(|current| match &*current.borrow() {
        Some(core) => f(core),
        None => panic!(
            "there is no running event loop: call this inside EventLoop::run \
             (asyncio raises `RuntimeError: no running event loop` here)"
        ),
    })
}

/// Like [`with_core`], but `None` when no loop is running (for `Drop`s, which may
/// run after the loop has gone).
pub(crate) fn try_with_core<R>(f: impl FnOnce(&Core) -> R) -> Option<R> {
    CURRENT
        .try_with(|current| current.try_borrow().ok()?.as_ref().map(|core| f(core)))
        .ok()
        .flatten()
}

// ANCHOR: event_loop
/// An event loop: `asyncio.new_event_loop()`.
pub struct EventLoop {
    core: Rc<Core>,
}

impl EventLoop {
    /// A loop on the real clock.
    pub fn new() -> io::Result<Self> {
        Self::with_clock(Clock::real())
    }

    /// A loop whose clock stands still while work is ready and jumps to the next
    /// timer when there is none, so that tests of timing run in microseconds and
    /// see exact figures (tokio's `start_paused`).
    pub fn with_paused_clock() -> io::Result<Self> {
        Self::with_clock(Clock::paused())
    }

    fn with_clock(clock: Clock) -> io::Result<Self> {
        let reactor = Reactor::new()?;
        let wake_reactor = reactor.waker()?;
        let shared = Arc::new(Shared {
            queue: Mutex::new(ReadyQueue {
                jobs: VecDeque::new(),
                sleeping: false,
                closed: false,
            }),
            wake_reactor,
        });
        Ok(EventLoop {
            core: Rc::new(Core {
                shared,
                timers: RefCell::new(Timers::default()),
                reactor: RefCell::new(reactor),
                clock,
            }),
        })
    }

    /// Spawn a task before the loop runs: `loop.create_task(coro)`.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        Task::spawn(future, &self.core.shared)
    }
}
// ANCHOR_END: event_loop

// ANCHOR: spawn
/// Run `future` as a task of the running loop: `asyncio.create_task(coro)`.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    with_core(|core| Task::spawn(future, &core.shared))
}
// ANCHOR_END: spawn

// ANCHOR: run
impl EventLoop {
    /// Run `main` to completion, running every task and callback meanwhile:
    /// `loop.run_until_complete(main)`.
    ///
    /// `main` need not be `Send`: it never leaves this thread.
    pub fn run<F: Future>(&self, main: F) -> F::Output {
        let _running = Running::enter(&self.core);
        let mut main = pin!(main);
        let main_waker = Waker::from(Arc::new(MainWaker(Arc::clone(&self.core.shared))));
        self.core.shared.push(Job::Main);
        let mut batch = VecDeque::new();
        loop {
            self.core.wait_for_work();
            // Take only what is ready *now*, as asyncio does (`ntodo =
            // len(self._ready)`): jobs queued by these jobs wait for the next turn,
            // so a task that keeps waking itself cannot starve IO and timers.
            self.core.shared.take_ready(&mut batch);
            while let Some(job) = batch.pop_front() {
                match job {
                    Job::Main => {
                        let mut cx = Context::from_waker(&main_waker);
                        if let Poll::Ready(output) = main.as_mut().poll(&mut cx) {
                            // Jobs behind us in this batch keep their turn for a
                            // later `run` on this loop.
                            self.core.shared.put_back(&mut batch);
                            return output;
                        }
                    }
                    Job::Task(task) => task.run(),
                    Job::Callback(callback) => run_callback(callback),
                }
            }
        }
    }
}
// ANCHOR_END: run

/// The waker of the main future: it queues a [`Job::Main`].
struct MainWaker(Arc<Shared>);

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.0.push(Job::Main);
    }
}

/// A callback that panics is reported and forgotten; the loop goes on, as asyncio
/// logs "Exception in callback" and goes on.
fn run_callback(callback: Box<dyn FnOnce() + Send>) {
    if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(callback)) {
        let message = crate::task::panic_message(payload.as_ref());
        eprintln!("event loop: a callback panicked ({message}); the loop goes on");
    }
}

impl Shared {
    /// Swap the ready jobs into `batch`, which is empty and keeps its capacity
    /// from turn to turn, so a busy loop does not allocate a queue per turn.
    fn take_ready(&self, batch: &mut VecDeque<Job>) {
        std::mem::swap(&mut lock(&self.queue).jobs, batch);
    }

    fn put_back(&self, batch: &mut VecDeque<Job>) {
        let mut queue = lock(&self.queue);
        while let Some(job) = batch.pop_back() {
            queue.jobs.push_front(job);
        }
    }

    /// How long the loop may sleep in the OS: not at all if a job is ready,
    /// otherwise `until_timer`. Marks the loop asleep so that a `push` from another
    /// thread interrupts the wait.
    fn sleep_for(&self, until_timer: Option<Duration>) -> Option<Duration> {
        let mut queue = lock(&self.queue);
        if !queue.jobs.is_empty() || until_timer == Some(Duration::ZERO) {
            return Some(Duration::ZERO);
        }
        queue.sleeping = true;
        until_timer
    }

    fn awake(&self) -> bool {
        let mut queue = lock(&self.queue);
        queue.sleeping = false;
        !queue.jobs.is_empty()
    }
}

// ANCHOR: wait_for_work
impl Core {
    /// The waiting half of a turn: sleep in the OS until an IO event, the next
    /// timer, or a wake-up from another thread; then queue whatever became ready.
    fn wait_for_work(&self) {
        let now = self.clock.now();
        let next_timer = self.timers.borrow().next_deadline();
        let until_timer = next_timer.map(|deadline| deadline.saturating_duration_since(now));
        // A paused clock never sleeps for a timer: it checks IO, then jumps.
        let until_timer = match until_timer {
            Some(_) if self.clock.is_paused() => Some(Duration::ZERO),
            other => other,
        };
        let timeout = self.shared.sleep_for(until_timer);

        let woken = self.reactor.borrow_mut().poll(timeout);
        // Wake outside the `borrow_mut`: a waker may run code that uses the loop.
        for waker in woken {
            waker.wake();
        }
        let ready = self.shared.awake();

        if let (true, false, Some(deadline)) = (self.clock.is_paused(), ready, next_timer) {
            self.clock.advance_to(deadline);
        }
        self.fire_timers();
    }
}
// ANCHOR_END: wait_for_work

/// Marks `core` as this thread's running loop until dropped, even by a panic.
struct Running;

impl Running {
    fn enter(core: &Rc<Core>) -> Running {
        CURRENT.with(|current| {
            let mut current = current.borrow_mut();
            assert!(
                current.is_none(),
                "an event loop is already running on this thread: await the future \
                 instead of calling run() inside the loop (asyncio raises \
                 `RuntimeError: This event loop is already running`)"
            );
            *current = Some(Rc::clone(core));
        });
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        CURRENT.with(|current| current.borrow_mut().take());
    }
}

impl Drop for EventLoop {
    fn drop(&mut self) {
        // Tasks in the queue hold the queue's `Arc`: empty it, or they would keep
        // each other alive for ever. Dropping a task may queue another (its
        // futures may wake someone), so close the queue first, then drop outside
        // the lock.
        let jobs = {
            let mut queue = lock(&self.core.shared.queue);
            queue.closed = true;
            std::mem::take(&mut queue.jobs)
        };
        drop(jobs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::{JoinError, yield_now};
    use std::sync::Mutex;

    #[test]
    fn run_returns_the_output_of_main() {
        let event_loop = EventLoop::new().unwrap();
        assert_eq!(event_loop.run(async { 40 + 2 }), 42);
    }

    #[test]
    fn a_join_handle_gives_the_task_output() {
        let event_loop = EventLoop::new().unwrap();
        let result = event_loop.run(async { spawn(async { "from a task" }).await });
        assert_eq!(result, Ok("from a task"));
    }

    #[test]
    fn tasks_run_in_the_order_they_were_spawned() {
        let event_loop = EventLoop::new().unwrap();
        let order = Arc::new(Mutex::new(Vec::new()));
        let handles: Vec<_> = (0..5)
            .map(|n| {
                let order = Arc::clone(&order);
                event_loop.spawn(async move { order.lock().unwrap().push(n) })
            })
            .collect();
        event_loop.run(async {
            for handle in handles {
                handle.await.unwrap();
            }
        });
        assert_eq!(*order.lock().unwrap(), [0, 1, 2, 3, 4]);
    }

    #[test]
    fn yielding_tasks_take_turns() {
        let event_loop = EventLoop::new().unwrap();
        let order = Arc::new(Mutex::new(Vec::new()));
        event_loop.run(async {
            let handles: Vec<_> = ["a", "b"]
                .into_iter()
                .map(|name| {
                    let order = Arc::clone(&order);
                    spawn(async move {
                        for step in 0..3 {
                            order.lock().unwrap().push(format!("{name}{step}"));
                            yield_now().await;
                        }
                    })
                })
                .collect();
            for handle in handles {
                handle.await.unwrap();
            }
        });
        assert_eq!(*order.lock().unwrap(), ["a0", "b0", "a1", "b1", "a2", "b2"]);
    }

    #[test]
    fn a_task_that_panics_reports_it_and_the_loop_goes_on() {
        let event_loop = EventLoop::new().unwrap();
        let (failed, fine) = event_loop.run(async {
            let failed = spawn(async {
                yield_now().await;
                panic!("boom");
            });
            let fine = spawn(async {
                yield_now().await;
                yield_now().await;
                "still running"
            });
            (failed.await, fine.await)
        });
        assert_eq!(failed, Err(JoinError::Panicked("boom".into())));
        assert_eq!(fine, Ok("still running"));
        assert_eq!(
            event_loop.run(async { 1 }),
            1,
            "the loop is still usable afterwards"
        );
    }

    #[test]
    fn a_task_woken_from_another_thread_runs_on_the_loop() {
        let event_loop = EventLoop::new().unwrap();
        let value = event_loop.run(async {
            spawn(crate::block_on::FromThread::spawn(|| {
                std::thread::sleep(Duration::from_millis(20));
                7
            }))
            .await
        });
        assert_eq!(value, Ok(7));
    }

    #[test]
    fn dropping_a_join_handle_does_not_stop_the_task() {
        let event_loop = EventLoop::new().unwrap();
        let ran = Arc::new(Mutex::new(false));
        let flag = Arc::clone(&ran);
        event_loop.run(async move {
            drop(spawn(async move { *flag.lock().unwrap() = true }));
            yield_now().await;
        });
        assert!(*ran.lock().unwrap());
    }

    #[test]
    #[should_panic(expected = "no running event loop")]
    fn spawn_outside_the_loop_is_a_clear_error() {
        drop(spawn(async {}));
    }

    #[test]
    #[should_panic(expected = "already running")]
    fn running_a_loop_inside_a_loop_is_a_clear_error() {
        let outer = EventLoop::new().unwrap();
        outer.run(async {
            EventLoop::new().unwrap().run(async {});
        });
    }
}
