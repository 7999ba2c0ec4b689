//! `Send` across `.await`: what a future holds while it is suspended decides where it
//! may run.
//!
//! A future is a struct of the locals it keeps across its `.await`s (the pinning
//! section showed it). `tokio::spawn` may resume a task on any worker thread, so every
//! one of those locals must be `Send`. A `std::sync::MutexGuard` is not: the lock
//! belongs to the thread that took it, and unlocking it from another thread is
//! undefined on some platforms. So a guard still alive at an `.await` makes the whole
//! future `!Send`, and `tokio::spawn` refuses it (chapter 4 showed the same with `Rc`):
//!
//! ```compile_fail
#![doc = include_str!("compile_fail/guard_across_await.rs")]
//! ```
//!
//! Two fixes, for two different needs:
//!
//! - **Scope the guard** so that it is gone before the `.await` ([`count_scoped`]).
//!   Right when nothing the lock protects has to stay consistent across the wait.
//!   The std lock is the faster one and the right default for short critical sections.
//! - **`tokio::sync::Mutex`**, whose guard is `Send` and whose `lock()` is itself an
//!   `.await` (a task waiting for it gives its thread back), when a read, an `.await`
//!   and a write must happen as one step ([`deposit_async_lock`]).
//!
//! Why not simply `drop(guard)` before the `.await`? Since MIR-based drop tracking
//! became rustc's default (rust-lang/rust#107421, Rust 1.74), the compiler works out
//! what a future holds from its MIR: a local that has been *moved out* (into `drop`,
//! into a function that takes it by value) before an `.await` is not held there, so
//! [`unlock_then_wait`] is `Send`. But a local that was ever *borrowed* is kept to the
//! end of its scope, `drop` or not: the analysis cannot tell whether a borrow is still
//! in use, so it assumes it may be (a known, conservative limitation,
//! rust-lang/rust#94067). Using a guard borrows it (`*guard += 1` is `DerefMut`), so in
//! practice a guard you used is held until its scope ends:
//!
//! ```compile_fail
#![doc = include_str!("compile_fail/drop_before_await.rs")]
//! ```
//!
//! A shared borrow is enough: reading through the guard (`Deref`) keeps it too.
//!
//! ```compile_fail
//! use std::sync::{Arc, Mutex};
//!
//! async fn read_then_wait(counter: Arc<Mutex<u64>>) -> u64 {
//!     let guard = counter.lock().unwrap();
//!     let seen = *guard; // `Deref::deref(&guard)`: a borrow
//!     drop(guard);
//!     tokio::task::yield_now().await;
//!     seen
//! }
//!
//! tokio::spawn(read_then_wait(Arc::default()));
//! ```
//!
//! So end the scope instead: a block that ends before the `.await` ([`count_scoped`]),
//! or a guard that the async code only *moves*, into a plain function that does the
//! work through it ([`count_by_moving`]).
//!
//! Scoping the guard around a read-`.await`-write instead ([`deposit_split_lock`])
//! compiles, and loses updates: another task reads the same old value during the
//! wait. Python's asyncio has exactly that bug without `async with lock:` around the
//! whole step; what it does not have is a compiler that asks the question.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::task::{JoinSet, yield_now};
use tokio::time::sleep;

/// What each step waits for: a database write, a fraud check.
pub const WAIT: Duration = Duration::from_millis(100);

/// A pretend database write, the `.await` in the middle of each example.
async fn save(_count: u64) {
    sleep(WAIT).await;
}

// ANCHOR: scoped
/// Fix 1: the guard lives in a block that ends before the `.await`. The future keeps
/// only `count`, a `u64`, across the wait, so it is `Send`.
pub async fn count_scoped(counter: Arc<Mutex<u64>>) -> u64 {
    let count = {
        let mut count = counter.lock().expect("no holder of this lock panics");
        *count += 1;
        *count
    }; // the guard is dropped here
    save(count).await;
    count
}
// ANCHOR_END: scoped

// ANCHOR: unlock_then_wait
/// The twin of `compile_fail/drop_before_await.rs` without its `*guard += 1`: the
/// guard is moved into `drop` and never borrowed, so it is not held at the `.await`,
/// and this future is `Send`.
pub async fn unlock_then_wait(counter: Arc<Mutex<u64>>) {
    let guard = counter.lock().expect("no holder of this lock panics");
    drop(guard);
    yield_now().await;
}
// ANCHOR_END: unlock_then_wait

// ANCHOR: by_moving
/// Fix 1, another way: the async code never borrows the guard, it only moves it into
/// a plain function that does the counting. From the move on, the future does not
/// hold it, so this is `Send` with no block at all.
pub async fn count_by_moving(counter: Arc<Mutex<u64>>) -> u64 {
    let guard = counter.lock().expect("no holder of this lock panics");
    let count = add_one(guard); // moved, and dropped at the end of `add_one`
    save(count).await;
    count
}

/// Plain, synchronous code: it may borrow the guard as it likes.
fn add_one(mut count: MutexGuard<'_, u64>) -> u64 {
    *count += 1;
    *count
}
// ANCHOR_END: by_moving

// ANCHOR: split
/// The scoped fix applied where it does not fit: read, wait, write. Each guard is
/// dropped before the `.await`, so this compiles and is `Send`; but every task reads
/// the balance before any has written it back.
pub async fn deposit_split_lock(balance: Arc<Mutex<u64>>, amount: u64) {
    let before = *balance.lock().expect("no holder of this lock panics");
    check_fraud(amount).await;
    *balance.lock().expect("no holder of this lock panics") = before + amount;
}
// ANCHOR_END: split

// ANCHOR: async_lock
/// Fix 2: tokio's `Mutex`. Its guard may be held across an `.await` (and across
/// threads), so read, check and write are one step; the others wait their turn at
/// `lock().await` without blocking the thread.
pub async fn deposit_async_lock(balance: Arc<tokio::sync::Mutex<u64>>, amount: u64) {
    let mut guard = balance.lock().await;
    let before = *guard;
    check_fraud(amount).await;
    *guard = before + amount;
}
// ANCHOR_END: async_lock

/// The `.await` between the read and the write.
async fn check_fraud(_amount: u64) {
    sleep(WAIT).await;
}

/// What happened when `tasks` tasks each did one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub total: u64,
    pub expected: u64,
}

// ANCHOR: run_all
/// Spawn `tasks` tasks that each count one visit (the scoped std lock).
pub async fn visits(tasks: u64) -> anyhow::Result<Tally> {
    let counter = Arc::new(Mutex::new(0));
    let mut set = JoinSet::new();
    for _ in 0..tasks {
        set.spawn(count_scoped(Arc::clone(&counter)));
    }
    set.join_all().await;
    let total = *counter.lock().expect("no holder of this lock panics");
    Ok(Tally {
        total,
        expected: tasks,
    })
}

/// Spawn `tasks` tasks that each deposit 10, the std lock split around the `.await`.
pub async fn deposits_split(tasks: u64) -> anyhow::Result<Tally> {
    let balance = Arc::new(Mutex::new(0));
    let mut set = JoinSet::new();
    for _ in 0..tasks {
        set.spawn(deposit_split_lock(Arc::clone(&balance), 10));
    }
    set.join_all().await;
    let total = *balance.lock().expect("no holder of this lock panics");
    Ok(Tally {
        total,
        expected: 10 * tasks,
    })
}

/// Spawn `tasks` tasks that each deposit 10 under tokio's `Mutex`.
pub async fn deposits_async_lock(tasks: u64) -> anyhow::Result<Tally> {
    let balance = Arc::new(tokio::sync::Mutex::new(0));
    let mut set = JoinSet::new();
    for _ in 0..tasks {
        set.spawn(deposit_async_lock(Arc::clone(&balance), 10));
    }
    set.join_all().await;
    let total = *balance.lock().await;
    Ok(Tally {
        total,
        expected: 10 * tasks,
    })
}
// ANCHOR_END: run_all

#[cfg(test)]
mod tests {
    use tokio::time::Instant;

    use super::*;

    /// Compiles only for a future `tokio::spawn` accepts.
    fn spawnable<F: Future + Send + 'static>(_: &F) {}

    #[test]
    fn all_three_steps_are_send_so_spawn_accepts_them() {
        spawnable(&count_scoped(Arc::default()));
        spawnable(&count_by_moving(Arc::default()));
        spawnable(&deposit_split_lock(Arc::default(), 1));
        spawnable(&deposit_async_lock(Arc::default(), 1));
    }

    #[test]
    fn a_guard_moved_out_before_the_await_is_not_held_there() {
        // Compiles only because `drop(guard)` moved the guard out and nothing
        // borrowed it: MIR-based drop tracking (rustc >= 1.74) sees it gone.
        spawnable(&unlock_then_wait(Arc::default()));
    }

    #[tokio::test(start_paused = true)]
    async fn moving_the_guard_into_a_plain_function_counts_and_unlocks_before_the_save() {
        let counter = Arc::new(Mutex::new(0));
        let mut set = JoinSet::new();
        for _ in 0..3 {
            set.spawn(count_by_moving(Arc::clone(&counter)));
        }
        // The first poll of each task counts; all three are then saving, unlocked.
        tokio::task::yield_now().await;
        assert!(
            counter.try_lock().is_ok(),
            "no guard is held during the saves"
        );
        let mut counts = set.join_all().await;
        counts.sort_unstable();
        assert_eq!(counts, [1, 2, 3]);
    }

    #[tokio::test(start_paused = true)]
    async fn scoped_std_lock_counts_every_visit_and_the_saves_overlap() {
        let start = Instant::now();
        let tally = visits(10).await.unwrap();
        assert_eq!(tally.total, 10);
        assert_eq!(
            start.elapsed(),
            WAIT,
            "ten saves at once take one save's time"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_std_lock_split_around_the_await_loses_all_but_one_deposit() {
        let tally = deposits_split(10).await.unwrap();
        assert_eq!(tally.total, 10, "every task read 0, and wrote 0 + 10");
        assert_eq!(tally.expected, 100);
    }

    #[tokio::test(start_paused = true)]
    async fn tokio_mutex_across_the_await_keeps_every_deposit_but_takes_turns() {
        let start = Instant::now();
        let tally = deposits_async_lock(10).await.unwrap();
        assert_eq!(tally.total, 100);
        assert_eq!(start.elapsed(), 10 * WAIT, "one check at a time, in turn");
    }

    #[test]
    fn on_a_multi_thread_runtime_the_split_lock_loses_deposits_too() {
        // Real time here (a paused clock needs a one-thread runtime): 0.1s a run.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_time()
            .build()
            .unwrap();
        for _ in 0..3 {
            let split = runtime.block_on(deposits_split(20)).unwrap();
            assert!(split.total < split.expected, "{split:?}");
        }
    }
}
