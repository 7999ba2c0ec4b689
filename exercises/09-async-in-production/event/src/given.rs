//! Given: the flag of the `Event`, an `AtomicBool` with one thing added for the tests.
//!
//! A lost wake-up needs another thread's `set()` to land in the few nanoseconds
//! between a waiter's look at the flag and the moment it starts listening. A test
//! cannot wait for that to happen by chance, so it makes it happen: the flag can run
//! a hook (the test's `set()`) right after it has been read, on that thread.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Debug, Default)]
pub struct Flag(AtomicBool);

type Hook = Box<dyn FnOnce()>;

thread_local! {
    static AFTER_NEXT_READ: RefCell<Option<Hook>> = RefCell::new(None);
}

impl Flag {
    /// Is the flag up?
    pub fn get(&self) -> bool {
        let up = self.0.load(Ordering::SeqCst);
        // Take the hook out before running it, so a hook that reads the flag itself
        // does not run twice.
        let hook = AFTER_NEXT_READ.with(|hook| hook.borrow_mut().take());
        if let Some(hook) = hook {
            hook();
        }
        up
    }

    pub fn raise(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn lower(&self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// For the tests: run `hook` right after the next [`Flag::get`] on this thread.
pub fn after_next_read(hook: impl FnOnce() + 'static) {
    AFTER_NEXT_READ.with(|slot| *slot.borrow_mut() = Some(Box::new(hook)));
}
