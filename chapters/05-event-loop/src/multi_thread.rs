//! Step 10: many threads. A work-stealing runtime on the same reactor and timers.
//!
//! asyncio has one loop per thread, and so does everything above this step. To use
//! many cores, Python runs one loop per *process* (gunicorn's workers, or several
//! processes sharing a port with `SO_REUSEPORT`): each process keeps its own tasks
//! for ever, and a busy one cannot hand work to an idle one. `#[tokio::main]`
//! starts something else: one runtime whose tasks run on N worker threads, where a
//! worker that runs dry *steals* work from the others. This module builds that, and
//! it adds only what many threads need:
//!
//! - **Queues.** Each worker has its own queue (a `crossbeam-deque` `Worker`, which
//!   the others can steal from through its `Stealer`) and all share an *injector*
//!   for work that comes from outside the workers.
//! - **Stealing.** A worker with an empty queue takes from the injector, then from
//!   the other workers' queues, half of one at a time.
//! - **Parking.** A worker with nothing to do sleeps; new work wakes *one* sleeper,
//!   and none while an awake worker is already looking for work (no thundering herd).
//! - **The task's state.** A task can be woken from any thread while it is being
//!   polled on another; a small state machine makes sure that it is never polled
//!   by two workers at once and that such a wake-up is not lost.
//! - **The driver.** The reactor and the timers of steps 5 and 6 (made `Sync` for
//!   this step) are driven by whichever worker is idle: the first worker to sleep
//!   sleeps in epoll instead of on a condition variable.
//! - **`Send`.** A task may move to another thread at any `.await`, so everything it
//!   holds across an `.await` must be `Send`: that is the bound on [`spawn`], and the
//!   rule chapter 8 spends a section on.

use std::cell::RefCell;
use std::future::Future;
use std::io::{self, Write as _};
use std::panic::{self, AssertUnwindSafe};
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, AtomicUsize, Ordering, fence};
use std::sync::{Arc, Condvar, Mutex, Weak};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};

use crate::block_on::thread_waker;
use crate::event_loop::{Driver, Entrance, lock, panic_message};
use crate::join_handle::{JoinHandle, joinable};
use crate::reactor::Reactor;
use crate::timer::TimerDriver;

// ANCHOR: task
/// A spawned future, boxed and `Send`: any worker may poll it.
type BoxedTask = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A task: its future and where it stands. Shared by `Arc` between the runtime's
/// table, the queues and every waker of it.
struct Task {
    number: u64,
    /// Where the runtime's table keeps it: a shard, and a slot in that shard.
    slot: usize,
    state: AtomicU8,
    /// The `Mutex` is never contended: the state machine lets one worker at a
    /// time in. It is what lets safe Rust share a future between threads.
    future: Mutex<Option<BoxedTask>>,
    /// A waker that outlives the runtime schedules nothing.
    shared: Weak<Shared>,
}

/// Waiting for a wake-up. (A new task starts `SCHEDULED`: it is ready at once.)
const IDLE: u8 = 0;
/// In a queue, waiting for a worker.
const SCHEDULED: u8 = 1;
/// A worker is polling it.
const RUNNING: u8 = 2;
/// Woken while it was being polled: it goes back in a queue after this poll.
const NOTIFIED: u8 = 3;
/// Finished: wake-ups are ignored.
const DONE: u8 = 4;

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let mut state = self.state.load(Ordering::Acquire);
        loop {
            // IDLE: we queue it. RUNNING: its worker queues it after the poll.
            // SCHEDULED, NOTIFIED, DONE: it will run (or never will); nothing to do.
            let next = match state {
                IDLE => SCHEDULED,
                RUNNING => NOTIFIED,
                _ => return,
            };
            match self
                .state
                .compare_exchange(state, next, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) if next == SCHEDULED => {
                    if let Some(shared) = self.shared.upgrade() {
                        shared.schedule(Arc::clone(self));
                    }
                    return;
                }
                Ok(_) => return,
                // Another thread changed the state meanwhile: look again.
                Err(now) => state = now,
            }
        }
    }
}
// ANCHOR_END: task

/// What the tests and the benchmark read: how the workers spent their time.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Polls of tasks, all workers together.
    pub polls: u64,
    /// Tasks taken from another worker's queue.
    pub steals: u64,
    /// Times a worker went to sleep (on its condition variable or in the driver).
    pub parks: u64,
    /// Of those, times a worker slept in the driver (epoll and the timers).
    pub driver_parks: u64,
    /// Times new work woke a sleeping worker.
    pub unparks: u64,
    /// Of those, times the worker was asleep in the driver, so that waking it took
    /// a system call (a write to the driver's eventfd).
    pub driver_wakes: u64,
}

/// One worker's counters, on a cache line of its own: workers that counted on one
/// shared line would slow each other down on every poll.
#[derive(Default)]
#[repr(align(128))]
struct Counters {
    polls: AtomicU64,
    steals: AtomicU64,
    parks: AtomicU64,
    driver_parks: AtomicU64,
    unparks: AtomicU64,
    driver_wakes: AtomicU64,
}

impl Counters {
    fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }
}

// ANCHOR: shared
/// What the workers share.
struct Shared {
    /// Work from outside the workers (the thread in `block_on`, a foreign thread).
    injector: Injector<Arc<Task>>,
    /// The other end of each worker's queue.
    stealers: Vec<Stealer<Arc<Task>>>,
    /// One per worker: where it sleeps when it is not sleeping in the driver.
    parkers: Vec<Parker>,
    /// The workers asleep, and how many (read without the lock on the fast path).
    sleepers: Mutex<Vec<usize>>,
    sleeping: AtomicUsize,
    /// Workers woken to look for work and not yet done looking.
    searching: AtomicUsize,
    /// The reactor and timers; whoever holds the lock may sleep in them.
    driver: Mutex<Option<Box<dyn Driver + Send>>>,
    /// Cuts the driver's sleep short (an eventfd write).
    driver_unpark: Waker,
    /// Enters the driver on a thread without its lock, which a sleeping worker holds.
    entrance: Entrance,
    /// Which worker sleeps in the driver (its index + 1; 0: none).
    in_driver: AtomicUsize,
    /// Every task not yet finished, so that dropping the runtime drops them all.
    /// In shards, so that workers spawning and finishing at once rarely meet.
    tasks: Vec<Mutex<Shard>>,
    spawned: AtomicU64,
    shutdown: AtomicBool,
    counters: Vec<Counters>,
    /// Counts what happens off the workers (a wake from `block_on`'s thread).
    outside: Counters,
}
// ANCHOR_END: shared

const SHARDS: usize = 16;

/// One shard of the table of tasks: slots that are reused, like step 2's table.
#[derive(Default)]
struct Shard {
    slots: Vec<Option<Arc<Task>>>,
    free: Vec<usize>,
    len: usize,
}

/// A worker's own end of its queue, and which runtime it belongs to. Only its own
/// thread touches it (a crossbeam `Worker` is not `Sync`), so it lives in a
/// thread-local.
struct Local {
    shared: *const Shared,
    index: usize,
    queue: Worker<Arc<Task>>,
}

thread_local! {
    /// The worker running on this thread, if any.
    static LOCAL: RefCell<Option<Local>> = const { RefCell::new(None) };
    /// The runtime `spawn` uses on this thread (a worker's, or `block_on`'s).
    static CURRENT: RefCell<Option<Arc<Shared>>> = const { RefCell::new(None) };
}

// ANCHOR: schedule
impl Shared {
    /// Queue a task that is ready: on this worker's own queue when a worker of
    /// this runtime wakes it (no lock, no contention, and its cache is warm here),
    /// else on the injector. Then make sure some worker will look.
    fn schedule(&self, task: Arc<Task>) {
        if self.shutdown.load(Ordering::Acquire) {
            return;
        }
        let task = LOCAL.with(|local| match &*local.borrow() {
            Some(local) if std::ptr::eq(local.shared, self) => {
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

    /// Wake one sleeping worker, unless an awake one is already looking for work:
    /// it will find this task, and waking more would only make them fight over it.
    fn notify_one(&self) {
        // Pairs with the fence in `park`: either we see its `searching` and
        // `sleeping` figures, or it sees the task we just queued.
        fence(Ordering::SeqCst);
        if self.searching.load(Ordering::SeqCst) > 0 || self.sleeping.load(Ordering::SeqCst) == 0 {
            return;
        }
        // A worker asleep in the driver queues the tasks its events wake while it
        // is still listed as asleep: it must not pick itself, or it would spend a
        // system call waking itself, and wake nobody who could help.
        let me = self.worker_here();
        let woken = {
            let mut sleepers = lock(&self.sleepers);
            let position = sleepers.iter().rposition(|&sleeper| Some(sleeper) != me);
            let woken = position.map(|position| sleepers.swap_remove(position));
            self.sleeping.store(sleepers.len(), Ordering::SeqCst);
            if woken.is_some() {
                // Counted now, by us: it is searching from the moment it is woken.
                self.searching.fetch_add(1, Ordering::SeqCst);
            }
            woken
        };
        if let Some(index) = woken {
            Counters::add(&self.counters_here().unparks, 1);
            self.unpark(index);
        }
    }

    /// Wake worker `index` wherever it sleeps: on its condition variable, or in
    /// the driver's epoll.
    fn unpark(&self, index: usize) {
        self.parkers[index].unpark();
        fence(Ordering::SeqCst);
        if self.in_driver.load(Ordering::SeqCst) == index + 1 {
            Counters::add(&self.counters_here().driver_wakes, 1);
            self.driver_unpark.wake_by_ref();
        }
    }
}
// ANCHOR_END: schedule

impl Shared {
    /// The index of this runtime's worker on this thread, if it is one.
    fn worker_here(&self) -> Option<usize> {
        LOCAL.with(|local| match &*local.borrow() {
            Some(local) if std::ptr::eq(local.shared, self) => Some(local.index),
            _ => None,
        })
    }

    /// The counters of the worker on this thread, or the ones for everyone else.
    fn counters_here(&self) -> &Counters {
        self.worker_here()
            .map_or(&self.outside, |index| &self.counters[index])
    }

    /// Is there any work in any queue?
    fn has_work(&self) -> bool {
        !self.injector.is_empty() || self.stealers.iter().any(|stealer| !stealer.is_empty())
    }

    fn shard(&self, number: u64) -> &Mutex<Shard> {
        &self.tasks[number as usize % SHARDS]
    }

    fn spawn(self: &Arc<Self>, future: BoxedTask) {
        let number = self.spawned.fetch_add(1, Ordering::Relaxed) + 1;
        let task = {
            let mut shard = lock(self.shard(number));
            let slot = shard.free.pop().unwrap_or(shard.slots.len());
            let task = Arc::new(Task {
                number,
                slot,
                state: AtomicU8::new(SCHEDULED),
                future: Mutex::new(Some(future)),
                shared: Arc::downgrade(self),
            });
            if slot == shard.slots.len() {
                shard.slots.push(None);
            }
            shard.slots[slot] = Some(Arc::clone(&task));
            shard.len += 1;
            task
        };
        self.schedule(task);
    }
}

// ANCHOR: run_task
impl Shared {
    /// Poll a task that a worker took from a queue (so its state is SCHEDULED).
    fn run_task(&self, task: Arc<Task>, counters: &Counters) {
        task.state.store(RUNNING, Ordering::Release);
        let waker = Waker::from(Arc::clone(&task));
        let polled = {
            let mut future = lock(&task.future);
            let Some(future) = future.as_mut() else {
                return; // dropped by a shutdown meanwhile
            };
            Counters::add(&counters.polls, 1);
            // A panic ends this task, not the worker (as in step 2).
            panic::catch_unwind(AssertUnwindSafe(|| {
                future.as_mut().poll(&mut Context::from_waker(&waker))
            }))
        };
        match polled {
            Ok(Poll::Pending) => {
                // Back to IDLE, unless it was woken during the poll: then it goes
                // back in the queue now, for the wake-up happened after the poll
                // had looked at whatever the wake-up announces.
                if task
                    .state
                    .compare_exchange(RUNNING, IDLE, Ordering::AcqRel, Ordering::Acquire)
                    .is_err()
                {
                    task.state.store(SCHEDULED, Ordering::Release);
                    self.schedule(task);
                }
            }
            Ok(Poll::Ready(())) => self.finish(&task),
            Err(payload) => {
                let _ = writeln!(
                    io::stderr(),
                    "runtime: a task panicked ({}); the worker goes on",
                    panic_message(payload.as_ref())
                );
                self.finish(&task);
            }
        }
    }

    fn finish(&self, task: &Task) {
        task.state.store(DONE, Ordering::Release);
        let future = lock(&task.future).take();
        let entry = {
            let mut shard = lock(self.shard(task.number));
            shard.len -= 1;
            shard.free.push(task.slot);
            shard.slots[task.slot].take()
        };
        // Dropped outside both locks: a future's `Drop` may wake another task.
        drop((future, entry));
    }
}
// ANCHOR_END: run_task

// ANCHOR: find_task
impl Shared {
    /// The next task for worker `index`: its own queue first; every 61st time the
    /// injector first, so that work from outside is not starved by tasks that
    /// keep waking each other (tokio's figure); then steal.
    fn find_task(&self, local: &Worker<Arc<Task>>, index: usize, tick: u32) -> Option<Arc<Task>> {
        if tick % 61 == 0
            && let Some(task) = steal(|| self.injector.steal_batch_and_pop(local))
        {
            return Some(task);
        }
        local
            .pop()
            .or_else(|| steal(|| self.injector.steal_batch_and_pop(local)))
            .or_else(|| {
                // The others, starting after ourselves, so that idle workers do not
                // all raid the same one.
                let others = self.stealers.len();
                (1..others).find_map(|offset| {
                    let victim = &self.stealers[(index + offset) % others];
                    let task = steal(|| victim.steal_batch_and_pop(local))?;
                    Counters::add(&self.counters[index].steals, 1 + local.len() as u64);
                    Some(task)
                })
            })
    }
}

/// Take from a queue, trying again while a race with another thief says `Retry`.
fn steal(mut attempt: impl FnMut() -> Steal<Arc<Task>>) -> Option<Arc<Task>> {
    loop {
        match attempt() {
            Steal::Success(task) => return Some(task),
            Steal::Empty => return None,
            Steal::Retry => {}
        }
    }
}
// ANCHOR_END: find_task

// ANCHOR: park
impl Shared {
    /// Worker `index` found no work: sleep until some comes. Says whether the
    /// worker was woken to look for work (and so counts as searching).
    fn park(&self, index: usize, searching: bool) -> bool {
        {
            let mut sleepers = lock(&self.sleepers);
            sleepers.push(index);
            self.sleeping.store(sleepers.len(), Ordering::SeqCst);
        }
        if searching {
            self.searching.fetch_sub(1, Ordering::SeqCst);
        }
        // Pairs with the fence in `notify_one`: a task queued before it saw us
        // asleep is one we see here.
        fence(Ordering::SeqCst);
        if self.has_work() || self.shutdown.load(Ordering::SeqCst) {
            return self.wake_up(index);
        }
        let counters = &self.counters[index];
        Counters::add(&counters.parks, 1);
        let parker = &self.parkers[index];
        // The first worker to sleep sleeps in the driver, so that someone is
        // always waiting for sockets and timers while the workers are idle.
        match self.driver.try_lock() {
            Ok(mut driver) if driver.is_some() => {
                self.in_driver.store(index + 1, Ordering::SeqCst);
                fence(Ordering::SeqCst);
                if !parker.is_notified()
                    && let Some(driver) = driver.as_mut()
                {
                    Counters::add(&counters.driver_parks, 1);
                    driver.park(None);
                }
                self.in_driver.store(0, Ordering::SeqCst);
                parker.clear();
            }
            _ => parker.wait(),
        }
        self.wake_up(index)
    }

    /// Leave the sleepers. If we are no longer among them, a `notify_one` took us
    /// out and counted us as searching.
    fn wake_up(&self, index: usize) -> bool {
        let mut sleepers = lock(&self.sleepers);
        match sleepers.iter().position(|&sleeper| sleeper == index) {
            Some(position) => {
                sleepers.swap_remove(position);
                self.sleeping.store(sleepers.len(), Ordering::SeqCst);
                false
            }
            None => true,
        }
    }

    /// A searching worker found work. If it was the last one searching and more
    /// work waits, wake another: the wake-ups spread one worker at a time.
    fn stop_searching(&self) {
        if self.searching.fetch_sub(1, Ordering::SeqCst) == 1 && self.has_work() {
            self.notify_one();
        }
    }

    /// Let the driver hand out what is ready, without waiting, if no worker sleeps
    /// in it: busy workers must not starve sockets and timers.
    fn poll_driver(&self) {
        if let Ok(mut driver) = self.driver.try_lock()
            && let Some(driver) = driver.as_mut()
        {
            driver.park(Some(Duration::ZERO));
        }
    }
}

/// Where a worker sleeps when another one holds the driver.
#[derive(Default)]
struct Parker {
    notified: Mutex<bool>,
    condvar: Condvar,
}

impl Parker {
    fn wait(&self) {
        let mut notified = lock(&self.notified);
        while !*notified {
            notified = self
                .condvar
                .wait(notified)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *notified = false;
    }

    fn unpark(&self) {
        *lock(&self.notified) = true;
        self.condvar.notify_one();
    }

    fn is_notified(&self) -> bool {
        *lock(&self.notified)
    }

    fn clear(&self) {
        *lock(&self.notified) = false;
    }
}
// ANCHOR_END: park

// ANCHOR: worker
/// A worker thread's whole life: find a task and run it, or sleep.
fn run_worker(shared: Arc<Shared>, index: usize, queue: Worker<Arc<Task>>) {
    // Sockets and timers made on this thread belong to the runtime's driver.
    let _entered = (shared.entrance)();
    let _current = Current::enter(&shared);
    LOCAL.with(|local| {
        *local.borrow_mut() = Some(Local {
            shared: Arc::as_ptr(&shared),
            index,
            queue,
        });
    });
    let counters = &shared.counters[index];
    let mut searching = false;
    let mut tick: u32 = 0;
    while !shared.shutdown.load(Ordering::Acquire) {
        let task = LOCAL.with(|local| {
            let local = local.borrow();
            let local = local.as_ref().expect("set above");
            shared.find_task(&local.queue, index, tick)
        });
        let Some(task) = task else {
            searching = shared.park(index, searching);
            continue;
        };
        if std::mem::take(&mut searching) {
            shared.stop_searching();
        }
        tick = tick.wrapping_add(1);
        if tick % 61 == 0 {
            shared.poll_driver();
        }
        shared.run_task(task, counters);
    }
    // The queue goes with the thread; its tasks are still in the table, which the
    // runtime's `Drop` empties.
    LOCAL.with(|local| local.borrow_mut().take());
}
// ANCHOR_END: worker

/// Marks a runtime as this thread's, for [`spawn`], until dropped.
struct Current(Option<Arc<Shared>>);

impl Current {
    fn enter(shared: &Arc<Shared>) -> Current {
        Current(CURRENT.with(|current| current.replace(Some(Arc::clone(shared)))))
    }
}

impl Drop for Current {
    fn drop(&mut self) {
        let previous = self.0.take();
        CURRENT.with(|current| *current.borrow_mut() = previous);
    }
}

// ANCHOR: runtime
/// A multi-thread runtime: `workers` threads sharing one reactor and one timer heap.
pub struct Runtime {
    shared: Arc<Shared>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Runtime {
    /// Start `workers` worker threads (at least one) on a reactor with timers.
    pub fn new(workers: usize) -> io::Result<Runtime> {
        Ok(Self::with_driver(
            workers,
            TimerDriver::new(Reactor::new()?),
        ))
    }

    /// Start `workers` worker threads that sleep in `driver` when idle.
    pub fn with_driver(workers: usize, driver: impl Driver + Send + 'static) -> Runtime {
        let workers = workers.max(1);
        let queues: Vec<_> = (0..workers).map(|_| Worker::new_fifo()).collect();
        let shared = Arc::new(Shared {
            injector: Injector::new(),
            stealers: queues.iter().map(Worker::stealer).collect(),
            parkers: (0..workers).map(|_| Parker::default()).collect(),
            sleepers: Mutex::new(Vec::with_capacity(workers)),
            sleeping: AtomicUsize::new(0),
            searching: AtomicUsize::new(0),
            driver_unpark: driver.unparker(),
            entrance: driver.entrance(),
            driver: Mutex::new(Some(Box::new(driver))),
            in_driver: AtomicUsize::new(0),
            tasks: (0..SHARDS).map(|_| Mutex::default()).collect(),
            spawned: AtomicU64::new(0),
            shutdown: AtomicBool::new(false),
            counters: (0..workers).map(|_| Counters::default()).collect(),
            outside: Counters::default(),
        });
        let threads = queues
            .into_iter()
            .enumerate()
            .map(|(index, queue)| {
                let shared = Arc::clone(&shared);
                thread::Builder::new()
                    .name(format!("worker-{index}"))
                    .spawn(move || run_worker(shared, index, queue))
                    .expect("the OS refused to start a worker thread")
            })
            .collect();
        Runtime { shared, threads }
    }

    /// Run `future` on this thread until it is done, while the workers run every
    /// spawned task: `#[tokio::main]`'s `block_on`. The future itself stays on
    /// this thread, so it need not be `Send`.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        let _current = Current::enter(&self.shared);
        let _entered = (self.shared.entrance)();
        let mut future = pin!(future);
        let waker = thread_waker(thread::current());
        let mut cx = Context::from_waker(&waker);
        loop {
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return output;
            }
            thread::park();
        }
    }

    /// Spawn a task from outside the runtime (it goes to the injector).
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let (task, handle) = joinable(future);
        self.shared.spawn(Box::pin(task));
        handle
    }

    /// How the workers have spent their time so far.
    pub fn stats(&self) -> Stats {
        let mut stats = Stats::default();
        for counters in self.shared.counters.iter().chain([&self.shared.outside]) {
            let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
            stats.polls += read(&counters.polls);
            stats.steals += read(&counters.steals);
            stats.parks += read(&counters.parks);
            stats.driver_parks += read(&counters.driver_parks);
            stats.unparks += read(&counters.unparks);
            stats.driver_wakes += read(&counters.driver_wakes);
        }
        stats
    }

    /// How many workers.
    pub fn workers(&self) -> usize {
        self.threads.len()
    }

    /// How many tasks are spawned and not finished.
    pub fn task_count(&self) -> usize {
        self.shared.tasks.iter().map(|shard| lock(shard).len).sum()
    }
}
// ANCHOR_END: runtime

// ANCHOR: spawn
/// Run `future` as a task on the running multi-thread runtime. Any worker may poll
/// it, and a different one after each `.await`: hence `Send`.
///
/// So a task cannot keep an `Rc` across an `.await` (its count is not atomic: two
/// threads could change it at once). The compiler says which value and which
/// `.await`, error E0277:
///
/// ```compile_fail,E0277
#[doc = include_str!("compile_fail/rc_across_await.rs")]
/// ```
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (task, handle) = joinable(future);
    CURRENT.with(|current| match &*current.borrow() {
        Some(shared) => shared.spawn(Box::pin(task)),
        None => panic!(
            "there is no running multi-thread runtime: call multi_thread::spawn inside \
             Runtime::block_on or a task of the runtime"
        ),
    });
    handle
}
// ANCHOR_END: spawn

// ANCHOR: moves
/// `Send`'s "because", seen happen on two workers: task T is polled on one worker,
/// yields, and a blocking call takes that worker; the other worker steals T, and T
/// goes on there. Returns the two workers T ran on, and what happened, in order.
pub async fn moves_between_workers() -> ((usize, usize), Vec<String>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let say = |log: &Mutex<Vec<String>>, what: String| {
        let worker = current_worker().map_or("main".into(), |w| format!("worker {w}"));
        lock(log).push(format!("{worker:>8}: {what}"));
    };
    // Hold one worker with a blocking task H, so that T starts on the other.
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (started, has_started) = std::sync::mpsc::channel::<()>();
    let theirs = Arc::clone(&log);
    spawn(async move {
        say(
            &theirs,
            "task H blocks this worker until B lets it go".into(),
        );
        let _ = started.send(());
        let _ = released.recv();
    });
    crate::block_on::FromThread::spawn(move || has_started.recv())
        .await
        .ok();
    let theirs = Arc::clone(&log);
    let task = spawn(async move {
        let before = current_worker().unwrap_or_default();
        say(
            &theirs,
            "task T is polled, and spawns B on this worker's queue".into(),
        );
        let log = Arc::clone(&theirs);
        spawn(async move {
            say(
                &log,
                "task B lets H go, then blocks this worker for 200 ms".into(),
            );
            let _ = release.send(());
            thread::sleep(Duration::from_millis(200)); // a blocking call, on purpose
        });
        say(
            &theirs,
            "task T: yield_now().await (T goes in the queue behind B)".into(),
        );
        crate::event_loop::yield_now().await;
        let after = current_worker().unwrap_or_default();
        say(
            &theirs,
            format!("task T goes on here: stolen from worker {before}"),
        );
        (before, after)
    });
    let moved = task.await.unwrap_or_default();
    let log = std::mem::take(&mut *lock(&log));
    (moved, log)
}
// ANCHOR_END: moves

/// The index of the worker this code runs on, or `None` off the workers.
pub fn current_worker() -> Option<usize> {
    LOCAL.with(|local| local.borrow().as_ref().map(|local| local.index))
}

// ANCHOR: drop
impl Drop for Runtime {
    fn drop(&mut self) {
        // 1. Stop the workers: each finishes the poll it is in, sees the flag and
        //    returns. A sleeping one is woken, wherever it sleeps.
        self.shared.shutdown.store(true, Ordering::SeqCst);
        for index in 0..self.threads.len() {
            self.shared.unpark(index);
        }
        self.shared.driver_unpark.wake_by_ref();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
        // 2. Drop every task still owned: waiting on a socket, a timer, anything.
        //    Its future goes first (out of the locks), and with it every socket.
        for shard in &self.shared.tasks {
            let tasks = std::mem::take(&mut *lock(shard));
            for task in tasks.slots.into_iter().flatten() {
                task.state.store(DONE, Ordering::Release);
                let future = lock(&task.future).take();
                drop(future);
            }
        }
        while steal(|| self.shared.injector.steal()).is_some() {}
        // 3. Close the reactor (epoll and its eventfd) now, even if a stray waker
        //    keeps the rest of `Shared` alive a little longer.
        let driver = lock(&self.shared.driver).take();
        drop(driver);
    }
}
// ANCHOR_END: drop
