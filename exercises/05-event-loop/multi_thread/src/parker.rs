//! Given: how a worker sleeps, and the counters the tests read.
//!
//! Step 1's `block_on` parked its thread; step 2's loop waited in its driver. A
//! worker of a multi-thread runtime does one or the other: if it could take the
//! driver, it waits there (so timers and sockets are served while it sleeps),
//! otherwise it sleeps on a condition variable of its own. Whoever wakes it does not
//! know which: [`Unparker::unpark`] looks at where its worker sleeps and cuts the
//! right wait short. An `unpark` that comes before the `park` is remembered, so the
//! next `park` returns at once and no wake-up is lost.
//!
//! Every park and unpark goes through here, and [`Probe`] counts them: the tests
//! read how many workers sleep, how often they parked, and how many unparks a new
//! task cost. A runtime cannot sleep or wake a worker without being counted.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::driver::{Driver, Handle};
use crate::spawn::lock;

/// Where a worker is, as its unparker sees it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Awake,
    /// Asleep on its condition variable.
    Parked,
    /// Asleep in the driver.
    ParkedInDriver,
    /// An unpark came while it was awake: its next park returns at once.
    Notified,
}

struct Inner {
    state: Mutex<State>,
    condvar: Condvar,
    driver: Handle,
    probe: Arc<Probe>,
}

/// One worker's way to sleep. Only its own worker parks on it.
pub struct Parker {
    inner: Arc<Inner>,
}

/// Wakes the worker of one [`Parker`], from any thread.
#[derive(Clone)]
pub struct Unparker {
    inner: Arc<Inner>,
}

impl Parker {
    /// A parker for one worker of the runtime whose driver is `driver`, counted by `probe`.
    pub fn new(driver: Handle, probe: Arc<Probe>) -> (Parker, Unparker) {
        let inner = Arc::new(Inner {
            state: Mutex::new(State::Awake),
            condvar: Condvar::new(),
            driver,
            probe,
        });
        let unparker = Unparker {
            inner: Arc::clone(&inner),
        };
        (Parker { inner }, unparker)
    }

    /// Sleep until [`Unparker::unpark`] is called (at once, if it already was).
    pub fn park(&self) {
        let inner = &self.inner;
        let mut state = lock(&inner.state);
        inner.probe.parks.fetch_add(1, Ordering::SeqCst);
        if *state == State::Notified {
            *state = State::Awake;
            return;
        }
        *state = State::Parked;
        inner.probe.asleep.fetch_add(1, Ordering::SeqCst);
        // A condition variable may wake for no reason: sleep until the state says so.
        while *state == State::Parked {
            state = inner
                .condvar
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        inner.probe.asleep.fetch_sub(1, Ordering::SeqCst);
        *state = State::Awake;
    }

    /// Sleep in `driver` (the caller took it) until an unpark, a socket event or a
    /// timer: whichever comes first. The tasks those events wake are scheduled by
    /// this thread, from inside the driver.
    pub fn park_in(&self, driver: &mut Driver) {
        let inner = &self.inner;
        {
            let mut state = lock(&inner.state);
            inner.probe.parks.fetch_add(1, Ordering::SeqCst);
            if *state == State::Notified {
                *state = State::Awake;
                return;
            }
            *state = State::ParkedInDriver;
            inner.probe.asleep.fetch_add(1, Ordering::SeqCst);
        }
        // If an unpark came between the lock above and this wait, it has already
        // woken the driver, so this wait returns at once.
        driver.park(None);
        inner.probe.asleep.fetch_sub(1, Ordering::SeqCst);
        *lock(&inner.state) = State::Awake;
    }
}

impl Unparker {
    /// Wake the worker: cut its sleep short, wherever it sleeps, or make its next
    /// park return at once.
    pub fn unpark(&self) {
        let inner = &self.inner;
        inner.probe.unparks.fetch_add(1, Ordering::SeqCst);
        let was = std::mem::replace(&mut *lock(&inner.state), State::Notified);
        match was {
            State::Parked => inner.condvar.notify_one(),
            State::ParkedInDriver => inner.driver.unpark(),
            State::Awake | State::Notified => {}
        }
    }
}

/// What the given code counts while the runtime runs (the tests read it).
#[derive(Default)]
pub struct Probe {
    parks: AtomicU64,
    unparks: AtomicU64,
    asleep: AtomicUsize,
    collisions: AtomicU64,
    found_nothing: AtomicU64,
    /// Whether a test holds the workers where their look found nothing.
    held: Mutex<bool>,
    released: Condvar,
}

impl Probe {
    /// Calls of `park` and `park_in`, all workers together.
    pub fn parks(&self) -> u64 {
        self.parks.load(Ordering::SeqCst)
    }

    /// Calls of `unpark`, all workers together.
    pub fn unparks(&self) -> u64 {
        self.unparks.load(Ordering::SeqCst)
    }

    /// Workers asleep right now, in the driver or on their condition variable.
    pub fn asleep(&self) -> usize {
        self.asleep.load(Ordering::SeqCst)
    }

    /// Times a worker found a task's future already being polled by another worker.
    pub fn collisions(&self) -> u64 {
        self.collisions.load(Ordering::SeqCst)
    }

    /// Note that a worker found a task's future already being polled.
    pub fn collided(&self) {
        self.collisions.fetch_add(1, Ordering::SeqCst);
    }

    /// Times a worker's look at a queue (a steal, through `take`) found nothing.
    /// Counted only in the tests' build.
    pub fn found_nothing(&self) -> u64 {
        self.found_nothing.load(Ordering::SeqCst)
    }

    /// Note that a worker's look found nothing (`take` calls it, in the tests' build)
    /// and, while a test holds the workers there, wait until it lets go (a second at
    /// most). A test uses it to queue a task exactly between a worker's last look and
    /// its sleep, a window that is otherwise a few nanoseconds wide.
    pub fn looked_and_found_nothing(&self) {
        self.found_nothing.fetch_add(1, Ordering::SeqCst);
        let held = lock(&self.held);
        if *held {
            let _ = self
                .released
                .wait_timeout_while(held, Duration::from_secs(1), |held| *held);
        }
    }

    /// Hold every worker whose look finds nothing, from now until [`Probe::release`].
    pub fn hold(&self) {
        *lock(&self.held) = true;
    }

    /// Let the held workers go on.
    pub fn release(&self) {
        *lock(&self.held) = false;
        self.released.notify_all();
    }
}
