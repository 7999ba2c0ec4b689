//! Step 2: many tasks, one ready queue.
//!
//! `asyncio.create_task(coro)` wraps a coroutine in a task and appends "run one
//! step of it" to the loop's ready queue. The loop takes what is ready, runs it,
//! and when nothing is ready it waits for the world (a timer, a socket, another
//! thread). That is all an event loop is; this module is that loop.
//!
//! - A task is a future kept in the loop's table of tasks, keyed by a [`TaskId`].
//! - Its [`Waker`] holds only the id and the queue, so waking it (from any thread)
//!   is "push this id on the ready queue". The future itself never leaves the
//!   loop's thread, so, as with tokio's `spawn_local` and smol's `LocalExecutor`,
//!   tasks need not be `Send`: only the waker crosses threads.
//! - The loop owns its tasks: dropping the loop drops every task, and with them
//!   every socket and pipe they held. Nothing outlives its loop.
//! - When no task is ready, the loop waits on a [`Driver`]. Here that is
//!   [`ThreadParker`], which parks the thread like step 1's `block_on`; later steps
//!   bring drivers that wait for a deadline (step 5) or for epoll (step 6). This is
//!   how tokio layers its own: the IO driver inside the time driver.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::{Duration, Instant};

use crate::block_on::thread_waker;
use crate::trace::{self, What};

// ANCHOR: driver
/// What the loop waits on when no task is ready.
pub trait Driver {
    /// Wait for at most `timeout` (`None`: as long as it takes; `Some(ZERO)`: only
    /// look), wake the tasks whose events came, and say how many it woke.
    fn park(&mut self, timeout: Option<Duration>) -> usize;

    /// A waker that cuts `park` short from another thread.
    fn unparker(&self) -> Waker;

    /// What makes this driver's offer (timers, sockets) reachable from the tasks:
    /// calling it sets that up on the calling thread, and dropping what it returns
    /// undoes it. `Send + Sync`, so that step 10's threads can all enter one driver
    /// while another thread sleeps in it.
    fn entrance(&self) -> Entrance {
        Arc::new(|| Box::new(()))
    }
}

/// See [`Driver::entrance`].
pub type Entrance = Arc<dyn Fn() -> Box<dyn Any> + Send + Sync>;

/// The simplest driver: park the thread until another thread unparks it.
pub struct ThreadParker {
    thread: thread::Thread,
}

impl ThreadParker {
    /// A parker for the current thread, the one that will run the loop.
    pub fn new() -> Self {
        ThreadParker {
            thread: thread::current(),
        }
    }
}

impl Default for ThreadParker {
    fn default() -> Self {
        Self::new()
    }
}

impl Driver for ThreadParker {
    fn park(&mut self, timeout: Option<Duration>) -> usize {
        match timeout {
            None => thread::park(),
            Some(Duration::ZERO) => {}
            Some(timeout) => thread::park_timeout(timeout),
        }
        0 // it never wakes a task itself: whoever unparks us queued one
    }

    fn unparker(&self) -> Waker {
        thread_waker(self.thread.clone())
    }
}
// ANCHOR_END: driver

// ANCHOR: queue
/// Which task: its slot in the loop's table, and a number no other task of this
/// loop will ever have (a slot is reused; the number is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskId {
    slot: usize,
    number: u64,
}

/// The main future of [`EventLoop::run`] gets its own id.
const MAIN: TaskId = TaskId {
    slot: usize::MAX,
    number: 0,
};

/// The part of the loop that other threads may touch: the ready queue.
pub(crate) struct Shared {
    queue: Mutex<ReadyQueue>,
    /// Cuts the driver's wait short when work arrives while the loop sleeps.
    unpark: Waker,
}

struct ReadyQueue {
    ids: VecDeque<TaskId>,
    /// The loop is (about to be) asleep in the driver and must be woken.
    sleeping: bool,
    /// The loop is gone: wake-ups are dropped instead of piling up.
    closed: bool,
}

// ANCHOR: push
impl Shared {
    /// Queue a task. From another thread this is `call_soon_threadsafe`: it also
    /// wakes the loop if the loop is asleep, and only then (a wake-up of the
    /// driver is a system call, which a wake from the loop's own thread never
    /// needs).
    fn push(&self, id: TaskId) {
        let mut queue = lock(&self.queue);
        if queue.closed {
            return;
        }
        queue.ids.push_back(id);
        let asleep = std::mem::replace(&mut queue.sleeping, false);
        drop(queue);
        // On the loop's own thread the loop cannot be asleep: this wake comes from
        // a driver handing out its events. Unparking then would only cost a system
        // call (an eventfd write) and a spurious turn; "Making it fast" measured it.
        if asleep && !self.runs_here() {
            self.unpark.wake_by_ref();
        }
    }

    /// Is this the thread the loop runs on? (One address comparison.)
    fn runs_here(&self) -> bool {
        RUNNING_HERE.with(Cell::get) == self as *const Shared as usize
    }
}
// ANCHOR_END: push

/// A task's waker: its id and the queue. Cheap to clone, safe to send anywhere.
struct TaskWaker {
    id: TaskId,
    /// True while the id sits in the queue, so that ten wake-ups before the task
    /// runs queue it once.
    queued: AtomicBool,
    shared: Arc<Shared>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // `swap` answers "was it queued already?" and marks it queued in one step,
        // even when two threads wake the task at the same moment.
        if !self.queued.swap(true, Ordering::AcqRel) {
            trace::record_wake(self.id.number);
            self.shared.push(self.id);
        }
    }
}
// ANCHOR_END: queue

// ANCHOR: tasks
/// A spawned future, type-erased so that tasks of every type fit in one table.
type BoxedTask = Pin<Box<dyn Future<Output = ()>>>;

/// One row of the loop's table of tasks.
struct Entry {
    number: u64,
    /// `None` while the task is being polled (so that it may spawn others).
    future: Option<BoxedTask>,
    waker: Waker,
    state: Arc<TaskWaker>,
}

/// Every task the loop owns, in slots that are reused. A free slot holds the
/// number of the next free one, so the free list costs no allocation of its own
/// (an allocation while thousands of finished tasks are being freed is what makes
/// glibc's allocator stop to tidy up; the benchmark's spawn row measured it).
#[derive(Default)]
struct Tasks {
    slots: Vec<Slot>,
    /// The first free slot, if any.
    free: Option<usize>,
    len: usize,
}

enum Slot {
    Taken(Entry),
    Free { next: Option<usize> },
}

impl Tasks {
    fn get_mut(&mut self, id: TaskId) -> Option<&mut Entry> {
        match self.slots.get_mut(id.slot)? {
            Slot::Taken(entry) if entry.number == id.number => Some(entry),
            _ => None,
        }
    }

    /// The slot the next `insert` will use.
    fn next_slot(&self) -> usize {
        self.free.unwrap_or(self.slots.len())
    }

    fn insert(&mut self, entry: Entry) -> usize {
        self.len += 1;
        match self.free {
            Some(slot) => {
                if let Slot::Free { next } = self.slots[slot] {
                    self.free = next;
                }
                self.slots[slot] = Slot::Taken(entry);
                slot
            }
            None => {
                self.slots.push(Slot::Taken(entry));
                self.slots.len() - 1
            }
        }
    }

    fn remove(&mut self, id: TaskId) -> Option<Entry> {
        self.get_mut(id)?;
        let free = Slot::Free { next: self.free };
        self.free = Some(id.slot);
        self.len -= 1;
        match std::mem::replace(&mut self.slots[id.slot], free) {
            Slot::Taken(entry) => Some(entry),
            Slot::Free { .. } => None,
        }
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// The loop's state on its own thread.
struct Core {
    shared: Arc<Shared>,
    tasks: RefCell<Tasks>,
    spawned: Cell<u64>,
}

impl Core {
    fn spawn(&self, future: BoxedTask) {
        let number = self.spawned.get() + 1;
        self.spawned.set(number);
        let mut tasks = self.tasks.borrow_mut();
        let id = TaskId {
            slot: tasks.next_slot(),
            number,
        };
        let state = Arc::new(TaskWaker {
            id,
            queued: AtomicBool::new(true),
            shared: Arc::clone(&self.shared),
        });
        let entry = Entry {
            number,
            future: Some(future),
            waker: Waker::from(Arc::clone(&state)),
            state,
        };
        tasks.insert(entry);
        drop(tasks);
        trace::record(number, What::Spawned);
        // A new task is ready at once, like `create_task`'s `call_soon`.
        self.shared.push(id);
    }
}
// ANCHOR_END: tasks

// ANCHOR: run_task
impl Core {
    /// Poll one task once.
    fn run_task(&self, id: TaskId) {
        let (mut future, waker) = {
            let mut tasks = self.tasks.borrow_mut();
            // A stale id (the task finished after it was queued) finds nothing.
            let Some(entry) = tasks.get_mut(id) else {
                return;
            };
            // Unmark first: a wake-up *during* this poll must queue it again.
            entry.state.queued.store(false, Ordering::Release);
            let Some(future) = entry.future.take() else {
                return;
            };
            (future, entry.waker.clone())
        };
        let started = trace::is_on().then(Instant::now);
        // A panic inside `poll` unwinds to here and no further: it ends this
        // task, not the loop. `AssertUnwindSafe` is our promise that nobody sees
        // the future half-updated afterwards, which holds because we drop it.
        let polled = panic::catch_unwind(AssertUnwindSafe(|| {
            future.as_mut().poll(&mut Context::from_waker(&waker))
        }));
        if let Some(started) = started {
            trace::record(id.number, What::Polled { started });
        }
        match polled {
            Ok(Poll::Pending) => {
                if let Some(entry) = self.tasks.borrow_mut().get_mut(id) {
                    entry.future = Some(future);
                }
            }
            Ok(Poll::Ready(())) => self.finish(id, future),
            Err(payload) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "event loop: a task panicked ({}); the loop goes on",
                    panic_message(payload.as_ref())
                );
                self.finish(id, future);
            }
        }
    }

    fn finish(&self, id: TaskId, future: BoxedTask) {
        let entry = self.tasks.borrow_mut().remove(id);
        trace::record(id.number, What::Finished);
        // Dropped outside the borrow: dropping a future may run code (a socket's
        // `Drop`) that reaches for the loop.
        drop((entry, future));
    }
}
// ANCHOR_END: run_task

thread_local! {
    /// The loop running on this thread, if any: `asyncio.get_running_loop()`.
    static CURRENT: RefCell<Option<Rc<Core>>> = const { RefCell::new(None) };
    /// The address of that loop's [`Shared`], for [`Shared::runs_here`].
    static RUNNING_HERE: Cell<usize> = const { Cell::new(0) };
}

/// Run `f` with the running loop, or panic with asyncio's message if there is none:
/// calling `spawn` outside [`EventLoop::run`] is a bug in the program.
fn with_core<R>(f: impl FnOnce(&Core) -> R) -> R {
    CURRENT.with(|current| match &*current.borrow() {
        Some(core) => f(core),
        None => panic!(
            "there is no running event loop: call this inside EventLoop::run \
             (asyncio raises `RuntimeError: no running event loop` here)"
        ),
    })
}

// ANCHOR: spawn
/// Run `future` as a task of the running loop, and forget it: nobody can await
/// its end (step 3 adds a handle for that).
pub fn spawn_detached(future: impl Future<Output = ()> + 'static) {
    with_core(|core| core.spawn(Box::pin(future)));
}
// ANCHOR_END: spawn

/// How many tasks the running loop owns (spawned and not finished).
pub fn task_count() -> usize {
    with_core(|core| core.tasks.borrow().len())
}

// ANCHOR: event_loop
/// An event loop: `asyncio.new_event_loop()`.
pub struct EventLoop {
    core: Rc<Core>,
    driver: RefCell<Box<dyn Driver>>,
}

impl EventLoop {
    /// A loop that waits by parking its thread (no timers, no IO yet).
    pub fn new() -> Self {
        Self::with_driver(ThreadParker::new())
    }

    /// A loop that waits on `driver`.
    pub fn with_driver(driver: impl Driver + 'static) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(ReadyQueue {
                ids: VecDeque::new(),
                sleeping: false,
                closed: false,
            }),
            unpark: driver.unparker(),
        });
        EventLoop {
            core: Rc::new(Core {
                shared,
                tasks: RefCell::default(),
                spawned: Cell::new(0),
            }),
            driver: RefCell::new(Box::new(driver)),
        }
    }

    /// Spawn a task before the loop runs: `loop.create_task(coro)`.
    pub fn spawn_detached(&self, future: impl Future<Output = ()> + 'static) {
        self.core.spawn(Box::pin(future));
    }
}

impl Default for EventLoop {
    fn default() -> Self {
        Self::new()
    }
}
// ANCHOR_END: event_loop

// ANCHOR: run
impl EventLoop {
    /// Run `main` to completion, running every task meanwhile:
    /// `loop.run_until_complete(main)`.
    pub fn run<F: Future>(&self, main: F) -> F::Output {
        let _running = Running::enter(&self.core);
        let _driver = (self.driver.borrow().entrance())();
        let mut main = pin!(main);
        let main_state = Arc::new(TaskWaker {
            id: MAIN,
            queued: AtomicBool::new(true),
            shared: Arc::clone(&self.core.shared),
        });
        let main_waker = Waker::from(Arc::clone(&main_state));
        self.core.shared.push(MAIN);
        let mut batch = VecDeque::new();
        loop {
            self.wait_for_work();
            // Take only what is ready *now*, as asyncio does (`ntodo =
            // len(self._ready)`): tasks these ones wake wait for the next turn, so
            // a task that keeps waking itself cannot starve timers and IO.
            std::mem::swap(&mut lock(&self.core.shared.queue).ids, &mut batch);
            while let Some(id) = batch.pop_front() {
                if id != MAIN {
                    self.core.run_task(id);
                    continue;
                }
                main_state.queued.store(false, Ordering::Release);
                let started = trace::is_on().then(Instant::now);
                let polled = main.as_mut().poll(&mut Context::from_waker(&main_waker));
                if let Some(started) = started {
                    trace::record(MAIN.number, What::Polled { started });
                }
                if let Poll::Ready(output) = polled {
                    // Tasks behind us in this batch keep their turn for a later
                    // `run` on this loop.
                    let mut queue = lock(&self.core.shared.queue);
                    while let Some(id) = batch.pop_back() {
                        queue.ids.push_front(id);
                    }
                    return output;
                }
            }
        }
    }

    /// The waiting half of a turn: if nothing is ready, sleep in the driver until
    /// something is; otherwise only let the driver look for news.
    fn wait_for_work(&self) {
        let timeout = {
            let mut queue = lock(&self.core.shared.queue);
            if queue.ids.is_empty() {
                queue.sleeping = true; // from now on, a push must unpark us
                None
            } else {
                Some(Duration::ZERO)
            }
        };
        self.driver.borrow_mut().park(timeout);
        lock(&self.core.shared.queue).sleeping = false;
    }
}
// ANCHOR_END: run

// ANCHOR: drop
impl Drop for EventLoop {
    fn drop(&mut self) {
        // Close the queue first: dropping a task may wake another.
        let queued = {
            let mut queue = lock(&self.core.shared.queue);
            queue.closed = true;
            std::mem::take(&mut queue.ids)
        };
        drop(queued);
        // Every task still owned (waiting on a socket, a timer, anything) goes
        // now, and with it every socket, pipe and buffer it held. Taken out of
        // the table first, then dropped, for the same reason as in `finish`.
        let tasks = std::mem::take(&mut *self.core.tasks.borrow_mut());
        drop(tasks);
    }
}
// ANCHOR_END: drop

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
        RUNNING_HERE.with(|here| here.set(Arc::as_ptr(&core.shared) as usize));
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        CURRENT.with(|current| current.borrow_mut().take());
        RUNNING_HERE.with(|here| here.set(0));
    }
}

// ANCHOR: yield_now
/// Give the other ready tasks a turn: `await asyncio.sleep(0)`.
///
/// The first poll wakes its own task, which puts it at the back of the ready
/// queue, and returns `Pending`; the second poll, once the others have run,
/// returns `Ready`.
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await;
}
// ANCHOR_END: yield_now

/// The text of a panic, which is a `&str` or a `String` for `panic!("...")`.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a non-text payload".to_string()
    }
}

/// Lock a mutex whose data a panic cannot leave half-written (a queue of ids).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block_on::FromThread;

    type Log = Rc<RefCell<Vec<String>>>;

    #[test]
    fn run_returns_the_output_of_main() {
        assert_eq!(EventLoop::new().run(async { 40 + 2 }), 42);
    }

    #[test]
    fn tasks_run_in_the_order_they_were_spawned() {
        let event_loop = EventLoop::new();
        let log = Log::default();
        for n in 0..5 {
            let log = Rc::clone(&log);
            event_loop.spawn_detached(async move { log.borrow_mut().push(n.to_string()) });
        }
        event_loop.run(yield_now());
        assert_eq!(*log.borrow(), ["0", "1", "2", "3", "4"]);
    }

    #[test]
    fn yielding_tasks_take_turns() {
        let event_loop = EventLoop::new();
        let log = Log::default();
        event_loop.run(async {
            for name in ["a", "b"] {
                let log = Rc::clone(&log);
                spawn_detached(async move {
                    for step in 0..3 {
                        log.borrow_mut().push(format!("{name}{step}"));
                        yield_now().await;
                    }
                });
            }
            while task_count() > 0 {
                yield_now().await;
            }
        });
        assert_eq!(*log.borrow(), ["a0", "b0", "a1", "b1", "a2", "b2"]);
    }

    #[test]
    fn a_task_that_panics_ends_alone_and_the_loop_goes_on() {
        let event_loop = EventLoop::new();
        let log = Log::default();
        let theirs = Rc::clone(&log);
        event_loop.run(async move {
            spawn_detached(async {
                yield_now().await;
                panic!("boom");
            });
            spawn_detached(async move {
                for _ in 0..3 {
                    yield_now().await;
                }
                theirs.borrow_mut().push("still running".into());
            });
            while task_count() > 0 {
                yield_now().await;
            }
        });
        assert_eq!(*log.borrow(), ["still running"]);
        assert_eq!(event_loop.run(async { 1 }), 1, "the loop is still usable");
    }

    #[test]
    fn a_task_woken_from_another_thread_runs_on_the_loop() {
        let event_loop = EventLoop::new();
        let value = event_loop.run(async {
            let slot = Rc::new(Cell::new(0));
            let theirs = Rc::clone(&slot);
            spawn_detached(async move {
                let work = FromThread::spawn(|| {
                    thread::sleep(Duration::from_millis(20));
                    7
                });
                theirs.set(work.await);
            });
            while task_count() > 0 {
                yield_now().await;
            }
            slot.get()
        });
        assert_eq!(value, 7);
    }

    #[test]
    fn an_idle_loop_parks_until_another_thread_wakes_it() {
        // Main waits on a thread's result with no other task: the loop must park,
        // and the thread's wake-up must unpark it.
        let value = EventLoop::new().run(FromThread::spawn(|| {
            thread::sleep(Duration::from_millis(20));
            "woken"
        }));
        assert_eq!(value, "woken");
    }

    #[test]
    fn dropping_the_loop_drops_the_tasks_it_still_owns() {
        struct Flag(Rc<Cell<bool>>);
        impl Drop for Flag {
            fn drop(&mut self) {
                self.0.set(true);
            }
        }
        let dropped = Rc::new(Cell::new(false));
        let event_loop = EventLoop::new();
        let flag = Flag(Rc::clone(&dropped));
        event_loop.run(async move {
            spawn_detached(async move {
                let _flag = flag;
                std::future::pending::<()>().await; // waits for ever
            });
            yield_now().await;
        });
        assert!(
            !dropped.get(),
            "the waiting task is alive while the loop is"
        );
        drop(event_loop);
        assert!(dropped.get(), "dropping the loop must drop its tasks");
    }

    #[test]
    #[should_panic(expected = "no running event loop")]
    fn spawn_outside_the_loop_is_a_clear_error() {
        spawn_detached(async {});
    }

    #[test]
    #[should_panic(expected = "already running")]
    fn running_a_loop_inside_a_loop_is_a_clear_error() {
        EventLoop::new().run(async {
            EventLoop::new().run(async {});
        });
    }
}
