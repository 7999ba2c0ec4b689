//! Given: the `Mutex` around the shared state, std's `Mutex` with one thing added for
//! the tests. Use it exactly as you would use `std::sync::Mutex`.
//!
//! A lost wake-up needs another thread to act in the moment between two of your
//! locks: a `count_down` that lands after `poll` has looked at `remaining` and before
//! it has left its waker. A test cannot wait for that to happen by chance (the window
//! is a few nanoseconds wide), so it makes it happen: the mutex can run a hook (the
//! test's `count_down`) right after it is next unlocked, on the same thread. Between
//! two steps made under one lock there is no unlock, so a hook cannot come between
//! them, and no other thread can either.

use std::cell::RefCell;
use std::ops::{Deref, DerefMut};
use std::sync::{LockResult, PoisonError};

/// `std::sync::Mutex`, whose unlock can run a test's hook.
#[derive(Debug, Default)]
pub struct Mutex<T>(std::sync::Mutex<T>);

/// What [`Mutex::lock`] returns: the lock is held until it is dropped.
pub struct MutexGuard<'a, T>(Option<std::sync::MutexGuard<'a, T>>);

type Hook = Box<dyn FnOnce()>;

thread_local! {
    static AFTER_NEXT_UNLOCK: RefCell<Option<Hook>> = const { RefCell::new(None) };
}

impl<T> Mutex<T> {
    pub fn new(value: T) -> Mutex<T> {
        Mutex(std::sync::Mutex::new(value))
    }

    /// Lock it, as `std::sync::Mutex::lock` does.
    pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {
        match self.0.lock() {
            Ok(guard) => Ok(MutexGuard(Some(guard))),
            Err(poisoned) => Err(PoisonError::new(MutexGuard(Some(poisoned.into_inner())))),
        }
    }
}

impl<T> Deref for MutexGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0
            .as_deref()
            .expect("the guard holds the lock until it is dropped")
    }
}

impl<T> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0
            .as_deref_mut()
            .expect("the guard holds the lock until it is dropped")
    }
}

impl<T> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        // Unlock first: the hook locks again.
        drop(self.0.take());
        // A panic while a test is already failing would abort the whole test run.
        if std::thread::panicking() {
            return;
        }
        // Taken out before it runs, so an unlock inside the hook does not run it again.
        let hook = AFTER_NEXT_UNLOCK.with(|hook| hook.borrow_mut().take());
        if let Some(hook) = hook {
            hook();
        }
    }
}

/// For the tests: run `hook` right after the next unlock of a given `Mutex` on this
/// thread.
pub fn after_next_unlock(hook: impl FnOnce() + 'static) {
    AFTER_NEXT_UNLOCK.with(|slot| *slot.borrow_mut() = Some(Box::new(hook)));
}

/// For the tests: whether the hook set by [`after_next_unlock`] is still waiting.
pub fn hook_waiting() -> bool {
    AFTER_NEXT_UNLOCK.with(|slot| slot.borrow().is_some())
}
