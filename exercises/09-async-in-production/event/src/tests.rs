//! The tests of the `event` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use course_kit::watchdog;
use tokio::task::JoinSet;

use crate::event::Event;
use crate::given::after_next_read;

/// Long enough on the paused clock to mean "for ever".
const FOREVER: Duration = Duration::from_secs(3600);

const HANG: &str = "the test hung. A `wait()` that never returns usually waits for a \
                    wake-up that was already sent: look at the order of your flag check \
                    and the `notified()` call in `wait`.";

/// Start `n` tasks that each wait on `event` and then count themselves done.
fn waiters(event: &Arc<Event>, n: usize, done: &Arc<AtomicUsize>) -> JoinSet<()> {
    let mut set = JoinSet::new();
    for _ in 0..n {
        let (event, done) = (Arc::clone(event), Arc::clone(done));
        set.spawn(async move {
            event.wait().await;
            done.fetch_add(1, Ordering::SeqCst);
        });
    }
    set
}

/// Let every spawned task run until it waits.
async fn settle() {
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
}

#[test]
fn a_new_event_is_not_set_and_set_then_clear_moves_the_flag() {
    let event = Event::new();
    assert!(!event.is_set(), "a new Event starts cleared, as in asyncio");
    event.set();
    assert!(event.is_set(), "set() raises the flag");
    event.clear();
    assert!(!event.is_set(), "clear() lowers it");
}

#[test]
fn wait_on_a_set_event_returns_at_once() {
    let waited = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let event = Event::new();
        event.set();
        let start = tokio::time::Instant::now();
        let returned = tokio::time::timeout(FOREVER, event.wait()).await.is_ok();
        (returned, start.elapsed())
    });
    assert_eq!(
        waited,
        (true, Duration::ZERO),
        "wait() after set() must return at once: the flag is up. `Notify` alone keeps \
         no flag, so a task that comes after the notification waits for ever"
    );
}

#[test]
fn wait_on_a_cleared_event_waits() {
    let returned = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let event = Event::new();
        tokio::time::timeout(FOREVER, event.wait()).await.is_ok()
    });
    assert!(!returned, "wait() on an event nobody set returned");
}

#[test]
fn set_wakes_every_waiting_task_not_just_one() {
    let done = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let event = Arc::new(Event::new());
        let done = Arc::new(AtomicUsize::new(0));
        let mut set = waiters(&event, 5, &done);
        settle().await;
        event.set();
        let _ =
            tokio::time::timeout(FOREVER, async { while set.join_next().await.is_some() {} }).await;
        done.load(Ordering::SeqCst)
    });
    assert_eq!(
        done, 5,
        "five tasks were waiting and {done} woke up. `notify_one` wakes one task; \
         `set()` must wake them all (`notify_waiters`)"
    );
}

#[test]
fn a_waiter_wakes_even_if_clear_comes_right_after_set() {
    let done = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let event = Arc::new(Event::new());
        let done = Arc::new(AtomicUsize::new(0));
        let mut set = waiters(&event, 3, &done);
        settle().await;
        // A pulse: the waiters have not run yet when the flag goes down again.
        event.set();
        event.clear();
        let _ =
            tokio::time::timeout(FOREVER, async { while set.join_next().await.is_some() {} }).await;
        done.load(Ordering::SeqCst)
    });
    assert_eq!(
        done, 3,
        "three tasks were waiting when set() was called, and {done} returned. In asyncio \
         they all return, even though clear() came before they ran. A `wait` that loops \
         back to check the flag after its wake-up sees it down and sleeps again"
    );
}

#[test]
fn a_set_event_cleared_again_makes_new_waiters_wait() {
    let returned = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let event = Event::new();
        event.set();
        event.wait().await;
        event.clear();
        tokio::time::timeout(FOREVER, event.wait()).await.is_ok()
    });
    assert!(
        !returned,
        "after clear(), wait() should wait again; a stored permit (`notify_one`) lets \
         one late waiter through even though the flag is down"
    );
}

#[test]
fn a_set_that_lands_between_the_check_and_the_wait_is_not_lost() {
    let woke = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let event = Arc::new(Event::new());
        let other_thread = Arc::clone(&event);
        // The worst moment, on purpose: another thread's set() right after `wait`
        // has read the flag (and found it down).
        after_next_read(move || other_thread.set());
        tokio::time::timeout(FOREVER, event.wait()).await.is_ok()
    });
    assert!(
        woke,
        "set() came right after wait() found the flag down, and the waiter never woke: \
         it started listening only after the wake-up had been sent. Create the \
         `notified()` future *before* you check the flag: a Notified receives every \
         `notify_waiters` from its creation on, even before it is first polled"
    );
}

/// How many rounds the cross-thread test runs (and `cargo course verify` runs the
/// whole test several times more, see `repeat` in exercises.toml).
const ROUNDS: usize = 500;

#[test]
fn a_set_from_another_thread_is_never_lost() {
    let why = "a set() from another thread was lost: the waiter checked the flag (down), \
               the other thread raised it and sent the wake-up, and only then did the \
               waiter start listening. Create the `notified()` future *before* you check \
               the flag: a Notified receives every `notify_waiters` from its creation on";
    watchdog::within(Duration::from_secs(20), why, move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build()
            .expect("a multi-thread runtime");
        for round in 0..ROUNDS {
            let event = Arc::new(Event::new());
            let go = Arc::new(AtomicBool::new(false));
            // Both sides spin until `go`, so that they start within nanoseconds of
            // each other, on two worker threads.
            let waiter = runtime.spawn({
                let (event, go) = (Arc::clone(&event), Arc::clone(&go));
                async move {
                    while !go.load(Ordering::Acquire) {
                        std::hint::spin_loop();
                    }
                    event.wait().await;
                }
            });
            let setter = runtime.spawn({
                let (event, go) = (Arc::clone(&event), Arc::clone(&go));
                async move {
                    while !go.load(Ordering::Acquire) {
                        std::hint::spin_loop();
                    }
                    event.set();
                }
            });
            go.store(true, Ordering::Release);
            let woke = runtime.block_on(async {
                if let Err(crashed) = setter.await {
                    std::panic::resume_unwind(crashed.into_panic());
                }
                tokio::time::timeout(Duration::from_secs(2), waiter).await
            });
            match woke {
                Ok(Ok(())) => {}
                Ok(Err(crashed)) => std::panic::resume_unwind(crashed.into_panic()),
                Err(_) => panic!("round {round} of {ROUNDS}: {why}"),
            }
        }
    });
}
