//! Step 2: a ready queue, `spawn_detached` and the loop that runs them.
//!
//! `asyncio.create_task(coro)` puts "run one step of this coroutine" on the loop's
//! ready queue. Here a [`Task`] owns one future; its waker is the task itself
//! (`Arc<Task>` implements [`Wake`]), and waking it means "push me on the queue".
//! [`EventLoop::run`] polls the main future when it was woken, runs the tasks that
//! are ready, and when nothing is ready waits on a [`Driver`]. Step 2's driver
//! parks the thread, like step 1; steps 4 and 5 bring drivers that wait for a
//! deadline or for the OS.

use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
// Your code will use these. Then delete this line.
#[allow(unused_imports)]
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::task::{Poll, Wake, Waker};
use std::thread;
use std::time::Duration;

use crate::block_on::thread_waker;

/// What the loop waits on when nothing is ready.
pub trait Driver {
    /// Wait for at most `timeout` (`None`: as long as it takes; `Some(ZERO)`: only
    /// look), and wake the tasks whose events came.
    fn park(&mut self, timeout: Option<Duration>);

    /// A waker that cuts `park` short from another thread.
    fn unparker(&self) -> Waker;

    /// Make what the driver offers (timers, sockets) reachable while the loop
    /// runs; dropping the returned guard undoes it.
    fn enter(&self) -> Box<dyn Any> {
        Box::new(())
    }
}

/// The simplest driver: park the thread until another thread unparks it.
pub struct ThreadParker {
    thread: thread::Thread,
}

impl ThreadParker {
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
    fn park(&mut self, timeout: Option<Duration>) {
        match timeout {
            None => thread::park(),
            Some(Duration::ZERO) => {}
            Some(timeout) => thread::park_timeout(timeout),
        }
    }

    fn unparker(&self) -> Waker {
        thread_waker(self.thread.clone())
    }
}

/// A spawned future, boxed so that tasks of every type fit in one queue.
///
/// It must be `Send`, although only the loop's thread ever polls it. The chapter's
/// loop keeps its futures in a table on the loop's thread and gives a waker only the
/// task's id, so its tasks need not be `Send`. Here the waker *is* the task
/// (`Arc<Task>`), future included, and a `Waker` may go to any thread: `Waker::from`
/// wants `Task: Send + Sync`, and the `Mutex` around the future is `Send` and `Sync`
/// only if the future is `Send`. Without the bound, rustc says so: "required for
/// `Waker` to implement `From<Arc<Task>>`". The price: a future holding an `Rc` cannot
/// be spawned here; to lift it, keep the futures out of the waker's reach, as the
/// chapter does.
type BoxedFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// One task: its future, and what waking it needs.
// The stub does not read these yet; your code will. Then delete this line.
#[allow(dead_code)]
pub struct Task {
    /// `None` once the future has finished.
    future: Mutex<Option<BoxedFuture>>,
    /// True while the task sits in the ready queue.
    queued: AtomicBool,
    shared: Arc<Shared>,
}

/// The loop's state that wakers (on any thread) touch.
pub struct Shared {
    queue: Mutex<Queue>,
    /// Wakes the loop when it sleeps in its driver.
    unpark: Waker,
    /// Every task spawned, so that dropping the loop can drop their futures.
    all: Mutex<Vec<Weak<Task>>>,
}

struct Queue {
    ready: VecDeque<Arc<Task>>,
    main_woken: bool,
    /// The loop is (about to be) asleep in the driver.
    sleeping: bool,
}

impl Shared {
    /// Put `task` at the back of the ready queue, and wake the loop if it sleeps.
    pub fn push(&self, task: Arc<Task>) {
        let mut queue = lock(&self.queue);
        queue.ready.push_back(task);
        self.unpark_if_sleeping(queue);
    }

    fn wake_main(&self) {
        let mut queue = lock(&self.queue);
        queue.main_woken = true;
        self.unpark_if_sleeping(queue);
    }

    fn unpark_if_sleeping(&self, mut queue: MutexGuard<'_, Queue>) {
        let asleep = std::mem::replace(&mut queue.sleeping, false);
        drop(queue);
        if asleep {
            self.unpark.wake_by_ref();
        }
    }

    /// Was the main future woken since we last asked? (Asking clears it.)
    pub fn take_main_woken(&self) -> bool {
        std::mem::replace(&mut lock(&self.queue).main_woken, false)
    }

    /// Every task ready *now*; tasks they wake go to the queue for the next turn.
    pub fn take_ready(&self) -> VecDeque<Arc<Task>> {
        std::mem::take(&mut lock(&self.queue).ready)
    }
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // TODO: put this task on the ready queue (`self.shared.push(...)`), but
        // only if it is not there already: `self.queued` says so, and `swap`
        // reads and sets it in one step.
        todo!("queue the task once")
    }
}

impl Task {
    /// Poll the task's future once, with the task itself as the waker.
    pub fn run(self: Arc<Self>) {
        // TODO: clear `queued` first (a wake-up during this poll must queue the
        // task again); take the lock on `future`; if it is still there, poll it
        // with a waker made from this task (`Waker::from(Arc::clone(&self))`),
        // and set it to `None` once it is `Ready`.
        todo!("poll the task's future once")
    }
}

/// Wakes the main future of [`EventLoop::run`].
struct MainWaker(Arc<Shared>);

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.0.wake_main();
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Shared>>> = const { RefCell::new(None) };
}

/// The running loop's shared state; a clear panic outside a loop.
pub fn current() -> Arc<Shared> {
    CURRENT.with(|current| current.borrow().clone()).expect(
        "there is no running event loop: call this inside EventLoop::run \
         (asyncio raises `RuntimeError: no running event loop` here)",
    )
}

/// Run `future` as a task of the running loop, and forget it.
pub fn spawn_detached(future: impl Future<Output = ()> + Send + 'static) {
    // TODO: build an `Arc<Task>` around the boxed future (already queued), note a
    // `Weak` of it in `shared.all` (so dropping the loop can drop it), and push it
    // on the ready queue. `current()` gives the running loop's `Shared`.
    drop(future);
    todo!("make a task and queue it")
}

/// An event loop: tasks, a ready queue, and a driver to wait on.
pub struct EventLoop {
    shared: Arc<Shared>,
    driver: RefCell<Box<dyn Driver>>,
}

impl EventLoop {
    /// A loop that waits by parking its thread.
    pub fn new() -> Self {
        Self::with_driver(ThreadParker::new())
    }

    pub fn with_driver(driver: impl Driver + 'static) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                ready: VecDeque::new(),
                main_woken: false,
                sleeping: false,
            }),
            unpark: driver.unparker(),
            all: Mutex::new(Vec::new()),
        });
        EventLoop {
            shared,
            driver: RefCell::new(Box::new(driver)),
        }
    }

    /// Run `main` to completion, running every task meanwhile.
    pub fn run<F: Future>(&self, main: F) -> F::Output {
        let _running = Running::enter(&self.shared);
        let _driver = self.driver.borrow().enter();
        let main_waker = Waker::from(Arc::new(MainWaker(Arc::clone(&self.shared))));
        // TODO: pin `main`, then loop, one turn at a time:
        // - poll `main` if it was woken (always on the first turn), with a
        //   `Context` from `main_waker`; return its output once `Ready`;
        // - run the tasks that are ready *now* (`self.shared.take_ready()`);
        // - `self.wait_for_work()`, then ask `self.shared.take_main_woken()`.
        drop((main, main_waker));
        todo!("the event loop")
    }

    /// If nothing is ready, sleep in the driver until something is; otherwise
    /// only let the driver look for news.
    // Your `run` will call this. Then delete this line.
    #[allow(dead_code)]
    fn wait_for_work(&self) {
        let timeout = {
            let mut queue = lock(&self.shared.queue);
            if queue.ready.is_empty() && !queue.main_woken {
                queue.sleeping = true;
                None
            } else {
                Some(Duration::ZERO)
            }
        };
        self.driver.borrow_mut().park(timeout);
        lock(&self.shared.queue).sleeping = false;
    }
}

impl Default for EventLoop {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for EventLoop {
    fn drop(&mut self) {
        // Drop every task's future (and the sockets it holds), outside the locks.
        let ready = self.shared.take_ready();
        drop(ready);
        let all = std::mem::take(&mut *lock(&self.shared.all));
        for task in all.iter().filter_map(Weak::upgrade) {
            let future = lock(&task.future).take();
            drop(future);
        }
    }
}

/// Marks the loop as this thread's running loop until dropped.
struct Running;

impl Running {
    fn enter(shared: &Arc<Shared>) -> Running {
        CURRENT.with(|current| {
            let mut current = current.borrow_mut();
            assert!(
                current.is_none(),
                "an event loop is already running on this thread"
            );
            *current = Some(Arc::clone(shared));
        });
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        CURRENT.with(|current| current.borrow_mut().take());
    }
}

/// Give the other ready tasks a turn: `await asyncio.sleep(0)`.
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

/// Lock a mutex; a panic elsewhere cannot leave a queue half-written.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
