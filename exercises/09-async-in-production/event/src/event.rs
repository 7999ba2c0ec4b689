//! Exercise 2 (medium): `asyncio.Event` on tokio's `Notify`, with no lost wake-up.
//!
//! ```python
//! ready = asyncio.Event()
//! # in many tasks:
//! await ready.wait()     # returns at once if the event is set, else waits for set()
//! # in another:
//! ready.set()            # wakes every task waiting now; later waits return at once
//! ready.clear()          # later waits wait again
//! ```
//!
//! `Notify` wakes tasks but keeps no flag, and the flag alone wakes nobody: put them
//! together. What `asyncio.Event` promises, and the tests check:
//!
//! - `wait()` on a set event returns at once;
//! - `set()` wakes *every* task that is waiting, however many;
//! - a task that was waiting when `set()` was called wakes up, even if `clear()` comes
//!   before it gets to run (asyncio resolves each waiter's future in `set`);
//! - `set()` from another thread, at the very moment a task starts to wait, is never
//!   lost: the waiter either sees the flag or gets the wake-up.
//!
//! The flag is given, in `given.rs`: an `AtomicBool` with `get`, `raise` and `lower`.

use tokio::sync::Notify;

use crate::given::Flag;

// ANCHOR: exercise
#[derive(Debug, Default)]
pub struct Event {
    flag: Flag,
    notify: Notify,
}

impl Event {
    pub fn new() -> Event {
        Event::default()
    }

    pub fn is_set(&self) -> bool {
        // TODO: read the flag.
        let _ = &self.flag; // Only silences "unused" warnings: delete it.
        todo!("is the flag up?")
    }

    pub fn set(&self) {
        // TODO: raise the flag, then wake every task waiting now.
        let _ = &self.notify; // Only silences "unused" warnings: delete it.
        todo!("raise the flag and wake the waiters")
    }

    pub fn clear(&self) {
        // TODO: lower the flag.
        todo!("lower the flag")
    }

    pub async fn wait(&self) {
        // TODO: return at once if the flag is up; otherwise wait for the next `set`,
        // in an order that cannot miss a `set` made by another thread meanwhile.
        todo!("wait for the flag")
    }
}
// ANCHOR_END: exercise
