//! Step 7: many threads. A work-stealing runtime.
//!
//! asyncio runs one loop on one thread; to use more cores, Python runs more
//! processes. tokio's default runtime (`#[tokio::main]`) runs one loop over several
//! threads instead, and this is its shape:
//!
//! - N workers, each with its own queue of ready tasks (a `crossbeam_deque::Worker`,
//!   first in, first out), and one shared queue, the injector, for tasks woken or
//!   spawned outside the workers. A task woken on a worker goes to that worker's
//!   queue, with no lock;
//! - a worker that runs dry takes from the injector, then steals about half of
//!   another worker's queue;
//! - a worker with nothing to do sleeps (its [`Parker`]), and a new task wakes one
//!   sleeper, not all of them;
//! - a task has a state, so that it is in a queue at most once, polled by one
//!   worker at a time, and a wake that comes during its poll is not lost;
//! - whichever worker sleeps may take the driver and wait in it, so timers and
//!   sockets are served by an idle worker; a busy worker looks at the driver every
//!   [`MAINTENANCE_INTERVAL`] tasks, so they are served when none is idle.

use std::cell::RefCell;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, TryLockError, Weak};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};

use crate::driver::{self, Driver};
use crate::join_handle::{JoinHandle, joinable};
use crate::parker::{Parker, Probe, Unparker};
use crate::spawn::lock;

// A task's states. A task is in a queue only while SCHEDULED, and polled only while
// RUNNING, by the one worker that moved it there.
/// Waiting for a wake-up; in no queue.
const IDLE: u8 = 0;
/// In a queue (once), waiting for a worker.
const SCHEDULED: u8 = 1;
/// Being polled by a worker.
const RUNNING: u8 = 2;
/// Woken while RUNNING: the worker polling it queues it again when the poll ends.
const NOTIFIED: u8 = 3;
/// Finished, or dropped with the runtime: never polled again.
const DONE: u8 = 4;

/// How many tasks a worker runs between two looks at the driver and the injector.
/// (tokio's figure: a prime, so that it does not fall in step with a task's cycle.)
pub const MAINTENANCE_INTERVAL: u32 = 61;

/// A spawned future, boxed so that tasks of every type fit in one queue. `Send`:
/// any worker may poll it, and the next poll may be on another thread.
type BoxedFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// One task: its state, its future, and the runtime it belongs to.
pub struct Task {
    state: AtomicU8,
    /// `None` once the future has finished (or the runtime dropped it).
    future: Mutex<Option<BoxedFuture>>,
    /// Weak: a task is owned by the queues and the wakers, and must not keep the
    /// runtime (its driver, its queues) alive after the runtime is dropped.
    shared: Weak<Shared>,
}

/// What every worker, and every waker, reaches.
struct Shared {
    /// Tasks spawned or woken outside the workers.
    injector: Injector<Arc<Task>>,
    /// The other end of each worker's queue, by worker: how thieves take from it.
    stealers: Vec<Stealer<Arc<Task>>>,
    /// Wakes each worker, by worker.
    unparkers: Vec<Unparker>,
    /// The workers asleep (or about to be), by index: the ones a new task may wake.
    sleepers: Mutex<Vec<usize>>,
    /// The reactor and the timers. The worker that holds the lock waits in it.
    driver: Mutex<Driver>,
    /// The driver's shared half, for `sleep` and the sockets on every thread.
    handle: driver::Handle,
    /// Set when the runtime is dropped: every worker stops.
    shutdown: AtomicBool,
    /// Every task spawned, so that dropping the runtime drops their futures.
    tasks: Mutex<Vec<Weak<Task>>>,
    /// What the given code counts (parks, unparks, two workers on one task).
    probe: Arc<Probe>,
}

/// One worker: what its thread keeps to itself.
struct Local {
    index: usize,
    /// Its own queue. Only this thread pushes and pops; others steal from the other end.
    queue: Worker<Arc<Task>>,
    shared: Arc<Shared>,
}

thread_local! {
    /// The worker this thread is, if it is one.
    static WORKER: RefCell<Option<Rc<Local>>> = const { RefCell::new(None) };
    /// The runtime this thread spawns on: a worker's, or the one in `block_on`.
    static RUNTIME: RefCell<Option<Arc<Shared>>> = const { RefCell::new(None) };
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let Some(shared) = self.shared.upgrade() else {
            return; // the runtime is gone
        };
        // IDLE -> SCHEDULED: this wake queues it. RUNNING -> NOTIFIED: the worker
        // polling it queues it again after the poll. Already SCHEDULED or NOTIFIED,
        // or DONE: nothing to do. One compare-and-swap, so that two wakes on two
        // threads cannot both queue it.
        let mut state = self.state.load(Ordering::Acquire);
        loop {
            let next = match state {
                IDLE => SCHEDULED,
                RUNNING => NOTIFIED,
                _ => return,
            };
            match self
                .state
                .compare_exchange_weak(state, next, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) if next == SCHEDULED => return shared.schedule(Arc::clone(self)),
                Ok(_) => return,
                Err(actual) => state = actual,
            }
        }
    }
}

impl Task {
    /// Poll the task once, on the worker that took it from a queue.
    fn run(self: Arc<Self>, shared: &Shared) {
        // Only SCHEDULED tasks are in a queue, and only one worker can take a
        // queued entry, so this fails only for a task the runtime has dropped.
        if self
            .state
            .compare_exchange(SCHEDULED, RUNNING, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return;
        }
        let waker = Waker::from(Arc::clone(&self));
        if self
            .poll_future(&mut Context::from_waker(&waker), &shared.probe)
            .is_ready()
        {
            self.state.store(DONE, Ordering::Release);
            return;
        }
        // RUNNING -> IDLE, unless a wake came during the poll (NOTIFIED): then the
        // future asked to be polled again, and setting IDLE would lose that wake.
        if self
            .state
            .compare_exchange(RUNNING, IDLE, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            self.state.store(SCHEDULED, Ordering::Release);
            shared.schedule(self);
        }
    }

    /// Poll the future once (given). The state machine lets one worker at a time
    /// get here, so the lock is never contended; if it is, two workers are running
    /// one task: the probe counts it (the tests read it) and this worker waits.
    fn poll_future(&self, cx: &mut Context<'_>, probe: &Probe) -> Poll<()> {
        let mut slot = match self.future.try_lock() {
            Ok(slot) => slot,
            Err(TryLockError::WouldBlock) => {
                probe.collided();
                lock(&self.future)
            }
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        };
        let Some(future) = slot.as_mut() else {
            return Poll::Ready(()); // finished already
        };
        let poll = future.as_mut().poll(cx);
        if poll.is_ready() {
            *slot = None; // drop the finished future now, with what it holds
        }
        poll
    }
}

impl Shared {
    /// Queue a task that just became SCHEDULED, and wake a sleeper to run it.
    fn schedule(&self, task: Arc<Task>) {
        // On one of this runtime's workers: its own queue, no lock; the others
        // steal from it if this worker stays busy. Anywhere else (a foreign thread,
        // `block_on`'s, another runtime's worker): the injector.
        let task = WORKER.with(|worker| match &*worker.borrow() {
            Some(local) if std::ptr::eq(Arc::as_ptr(&local.shared), self) => {
                local.queue.push(task);
                None
            }
            _ => Some(task),
        });
        if let Some(task) = task {
            self.injector.push(task);
        }
        self.notify_one();
    }

    /// Wake one sleeping worker, if there is one: a task needs one worker.
    fn notify_one(&self) {
        let sleeper = lock(&self.sleepers).pop();
        if let Some(index) = sleeper {
            self.unparkers[index].unpark();
        }
    }

    /// Is a task waiting anywhere a worker could take it from?
    fn has_work(&self) -> bool {
        !self.injector.is_empty() || self.stealers.iter().any(|stealer| !stealer.is_empty())
    }
}

impl Local {
    /// A worker's thread: this worker's loop, with the driver (for `sleep` and the
    /// sockets), the runtime (for `spawn`) and the worker itself (for `schedule`)
    /// reachable from this thread meanwhile.
    fn run(self, parker: Parker) {
        let shared = Arc::clone(&self.shared);
        let _driver = shared.handle.enter();
        let _runtime = enter(&shared);
        let local = Rc::new(self);
        WORKER.with(|worker| *worker.borrow_mut() = Some(Rc::clone(&local)));
        local.work(&parker);
        WORKER.with(|worker| worker.borrow_mut().take());
    }

    /// The worker's loop, until the runtime is dropped.
    fn work(&self, parker: &Parker) {
        let shared = &self.shared;
        let mut ran: u32 = 0;
        // Checked between tasks, not only when idle: a runtime full of tasks that
        // yield for ever must still stop.
        while !shared.shutdown.load(Ordering::Acquire) {
            ran = ran.wrapping_add(1);
            if ran % MAINTENANCE_INTERVAL == 0 {
                self.maintenance();
            }
            match self.find_task() {
                Some(task) => task.run(shared),
                None => self.sleep(parker),
            }
        }
    }

    /// What a busy worker does now and then: look at the driver (if no other
    /// worker has it), so that timers and sockets are served even when no worker
    /// is idle, and take tasks from the injector, which it reads otherwise only
    /// when its own queue is empty.
    fn maintenance(&self) {
        if let Ok(mut driver) = self.shared.driver.try_lock() {
            driver.park(Some(Duration::ZERO));
        }
        let _ = self.shared.injector.steal_batch(&self.queue);
    }

    /// The next task: its own queue, then the injector, then another worker's.
    fn find_task(&self) -> Option<Arc<Task>> {
        if let Some(task) = self.queue.pop() {
            return Some(task);
        }
        let shared = &self.shared;
        // A batch, not one: the next ones are then in our queue, where others can
        // steal them, and the injector is touched less.
        if let Some(task) = take(|| shared.injector.steal_batch_and_pop(&self.queue)) {
            return Some(task);
        }
        // Half of someone's queue, starting with the next worker, so that thieves
        // do not all pick the same one.
        let workers = shared.stealers.len();
        (1..workers).find_map(|offset| {
            let victim = &shared.stealers[(self.index + offset) % workers];
            take(|| victim.steal_batch_and_pop(&self.queue))
        })
    }

    /// Nothing to do: sleep until a new task (or the driver) wakes us.
    fn sleep(&self, parker: &Parker) {
        let shared = &self.shared;
        lock(&shared.sleepers).push(self.index);
        // A task queued after `find_task` looked, and before we were listed, woke
        // no one: look once more, now that any new task will find us on the list.
        if !shared.has_work() && !shared.shutdown.load(Ordering::Acquire) {
            match shared.driver.try_lock() {
                // Idle, and nobody waits in the driver: wait there, serving the
                // timers and the sockets while we sleep.
                Ok(mut driver) => parker.park_in(&mut driver),
                Err(_) => parker.park(),
            }
        }
        // notify_one took us off the list; a socket, a timer or the look above did
        // not.
        lock(&shared.sleepers).retain(|&index| index != self.index);
    }
}

/// Take one task from a steal, trying again while the deque says `Retry`.
fn take(mut steal: impl FnMut() -> Steal<Arc<Task>>) -> Option<Arc<Task>> {
    loop {
        match steal() {
            Steal::Success(task) => return Some(task),
            Steal::Empty => {
                found_nothing();
                return None;
            }
            Steal::Retry => continue,
        }
    }
}

/// In the tests' build, tell the probe that this worker's look found nothing: a test
/// may hold the worker there, to queue a task just after its last look.
#[cfg(test)]
fn found_nothing() {
    WORKER.with(|worker| {
        if let Some(local) = &*worker.borrow() {
            local.shared.probe.looked_and_found_nothing();
        }
    });
}

#[cfg(not(test))]
fn found_nothing() {}

/// A work-stealing runtime: N worker threads, their queues and one driver.
pub struct Runtime {
    shared: Arc<Shared>,
    /// The workers' threads, joined when the runtime is dropped.
    threads: Vec<thread::JoinHandle<()>>,
}

impl Runtime {
    /// Start `workers` worker threads (at least one).
    pub fn new(workers: usize) -> io::Result<Runtime> {
        let workers = workers.max(1);
        let driver = Driver::new()?;
        let handle = driver.handle();
        let probe = Arc::new(Probe::default());
        let queues: Vec<Worker<Arc<Task>>> = (0..workers).map(|_| Worker::new_fifo()).collect();
        let (parkers, unparkers): (Vec<Parker>, Vec<Unparker>) = (0..workers)
            .map(|_| Parker::new(handle.clone(), Arc::clone(&probe)))
            .unzip();
        let shared = Arc::new(Shared {
            injector: Injector::new(),
            stealers: queues.iter().map(Worker::stealer).collect(),
            unparkers,
            sleepers: Mutex::new(Vec::with_capacity(workers)),
            driver: Mutex::new(driver),
            handle,
            shutdown: AtomicBool::new(false),
            tasks: Mutex::default(),
            probe,
        });
        let mut runtime = Runtime {
            shared,
            threads: Vec::with_capacity(workers),
        };
        for (index, (queue, parker)) in queues.into_iter().zip(parkers).enumerate() {
            let local = Local {
                index,
                queue,
                shared: Arc::clone(&runtime.shared),
            };
            // On failure, `runtime` is dropped: the workers already started stop.
            let thread = thread::Builder::new()
                .name(format!("worker-{index}"))
                .spawn(move || local.run(parker))?;
            runtime.threads.push(thread);
        }
        Ok(runtime)
    }

    /// Run `future` to completion on this thread (which runs no tasks: it sleeps
    /// until the future is woken), with `spawn`, `sleep` and the sockets working
    /// inside it.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        let _driver = self.shared.handle.enter();
        let _runtime = enter(&self.shared);
        crate::block_on::block_on(future)
    }

    /// What the given code counted so far (the tests read it).
    pub fn probe(&self) -> Arc<Probe> {
        Arc::clone(&self.shared.probe)
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // Stop every worker: the flag, then an unpark for each one (one asleep
        // wakes; one awake sees the flag before its next task or sleep).
        self.shared.shutdown.store(true, Ordering::Release);
        for unparker in &self.shared.unparkers {
            unparker.unpark();
        }
        for thread in self.threads.drain(..) {
            let _ = thread.join(); // a worker that panicked has stopped too
        }
        // No worker polls any more. Drop every task's future, and what it holds:
        // a task waiting on a socket or a timer is owned only by the wakers it
        // left there, so nothing else would ever drop it (or close its socket).
        let tasks = std::mem::take(&mut *lock(&self.shared.tasks));
        for task in tasks.iter().filter_map(Weak::upgrade) {
            task.state.store(DONE, Ordering::Release);
            let future = lock(&task.future).take();
            drop(future);
        }
        // The queues and the driver go with `shared`, whose last owner is us.
    }
}

/// Marks `shared` as the runtime `spawn` uses on this thread, until dropped.
fn enter(shared: &Arc<Shared>) -> impl Drop {
    struct Entered(Option<Arc<Shared>>);
    impl Drop for Entered {
        fn drop(&mut self) {
            let previous = self.0.take();
            RUNTIME.with(|current| current.replace(previous));
        }
    }
    Entered(RUNTIME.with(|current| current.replace(Some(Arc::clone(shared)))))
}

/// Run `future` as a task of the runtime this thread is in, and forget it.
fn spawn_detached(future: impl Future<Output = ()> + Send + 'static) {
    let shared = RUNTIME
        .with(|current| current.borrow().clone())
        .expect("spawn: no runtime here: call it inside Runtime::block_on or a task");
    let task = Arc::new(Task {
        state: AtomicU8::new(SCHEDULED),
        future: Mutex::new(Some(Box::pin(future))),
        shared: Arc::downgrade(&shared),
    });
    {
        let mut tasks = lock(&shared.tasks);
        // Forget finished tasks now and then, so the list stays as long as the living.
        if tasks.len() == tasks.capacity() {
            tasks.retain(|task| task.strong_count() > 0);
        }
        tasks.push(Arc::downgrade(&task));
    }
    shared.schedule(task);
}

/// Run `future` as a task: `asyncio.create_task(coro)`, on any worker.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (task, handle) = joinable(future);
    spawn_detached(task);
    handle
}
