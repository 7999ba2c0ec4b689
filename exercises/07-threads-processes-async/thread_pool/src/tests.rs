//! The tests of the `thread_pool` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Nothing is timed. Jobs that wait for one another prove what ran at the same time:
//! a pool that runs too few jobs at once, or deals the items out in fixed chunks,
//! hangs in them, and the watchdog stops it with a message that says which.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use course_kit::watchdog;

use crate::thread_pool::map_with_pool;

/// Wait (politely) until `counter` reaches `target`.
fn wait_for(counter: &AtomicUsize, target: usize) {
    while counter.load(Ordering::SeqCst) < target {
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn results_come_back_in_the_order_of_the_items() {
    let items: Vec<u32> = (0..20).collect();
    let results = watchdog::within(
        watchdog::LIMIT,
        "The pool never finished 20 quick jobs. Does every worker stop when no item is \
         left, and does the scope end?",
        move || map_with_pool(&items, 4, || (), |(), n| n * 2),
    );
    let expected: Vec<u32> = (0..20).map(|n| n * 2).collect();
    assert_eq!(
        results, expected,
        "`executor.map` returns results in the order of its input"
    );
}

#[test]
fn each_worker_makes_one_client_and_reuses_it() {
    let made = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&made);
    let items: Vec<u32> = (0..15).collect();
    let results = watchdog::within(watchdog::LIMIT, "The pool never finished.", move || {
        map_with_pool(
            &items,
            3,
            || counter.fetch_add(1, Ordering::SeqCst),
            |client_number, n| (*client_number, *n),
        )
    });
    let made = made.load(Ordering::SeqCst);
    assert!(
        (1..=3).contains(&made),
        "3 workers made {made} clients for 15 items. Each worker should make one client \
         (the notes' `thread_local.session`) and reuse it for every item it takes, \
         not make one per item."
    );
    assert_eq!(results.len(), 15);
}

#[test]
fn a_worker_with_nothing_to_do_makes_no_client() {
    let made = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&made);
    let results = watchdog::within(watchdog::LIMIT, "The pool never finished.", move || {
        map_with_pool(
            &["a", "b"],
            8,
            || counter.fetch_add(1, Ordering::SeqCst),
            |_, site| site.len(),
        )
    });
    assert_eq!(results, [1, 1]);
    let made = made.load(Ordering::SeqCst);
    assert!(
        made <= 2,
        "8 workers for 2 items made {made} clients: make the client the first time a \
         worker takes an item (`get_or_insert_with`), not when the worker starts"
    );
}

#[test]
fn four_workers_run_four_jobs_at_once() {
    // The first four jobs wait at a barrier for each other: they can only finish if
    // four workers hold one each at the same moment.
    let barrier = Barrier::new(4);
    let items: Vec<usize> = (0..12).collect();
    let results = watchdog::within(
        watchdog::LIMIT,
        "Four jobs that wait for each other never ran at the same time: the pool does \
         not have 4 workers taking items, each the next one free (with fixed chunks, \
         worker 1 gets items 0, 1, 2 and the others never reach item 1, 2 or 3).",
        move || {
            map_with_pool(
                &items,
                4,
                || (),
                |(), &n| {
                    if n < 4 {
                        barrier.wait();
                    }
                    n
                },
            )
        },
    );
    assert_eq!(results, (0..12).collect::<Vec<_>>());
}

#[test]
fn a_slow_item_does_not_hold_up_the_items_behind_it() {
    // Item 0 is slow: it finishes only after every other item has. A pool where an
    // idle worker takes the next free item gets the other 7 done meanwhile; a pool
    // that deals fixed chunks leaves item 1 waiting behind item 0 for ever.
    let done = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&done);
    let items: Vec<usize> = (0..8).collect();
    let results = watchdog::within(
        watchdog::LIMIT,
        "The slow first item held up others: item 0 waits for items 1 to 7, and some of \
         them never started. Workers must take the next free item when they are idle \
         (a shared `AtomicUsize` index), not a chunk dealt out at the start.",
        move || {
            map_with_pool(
                &items,
                4,
                || (),
                |(), &n| {
                    if n == 0 {
                        wait_for(&counter, 7);
                    } else {
                        counter.fetch_add(1, Ordering::SeqCst);
                    }
                    n * 10
                },
            )
        },
    );
    assert_eq!(
        results,
        (0..8).map(|n| n * 10).collect::<Vec<_>>(),
        "item 0 finished last, and its result still comes first"
    );
    assert_eq!(done.load(Ordering::SeqCst), 7);
}

/// The message a panic carried, if it was a string.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(not a string)".to_string())
}

#[test]
fn a_job_that_panics_panics_the_caller_with_its_own_message() {
    let message = watchdog::within(
        watchdog::LIMIT,
        "The pool never finished after a job panicked. The other workers should go on \
         with the items left, and the pool then carry the panic on.",
        || {
            let items: Vec<u32> = (0..8).collect();
            let outcome = std::panic::catch_unwind(|| {
                map_with_pool(
                    &items,
                    3,
                    || (),
                    |(), &n| {
                        if n == 5 {
                            panic!("item 5 is broken");
                        }
                        n
                    },
                )
            });
            outcome.err().map(|payload| panic_message(payload.as_ref()))
        },
    );
    let Some(message) = message else {
        panic!("a job panicked, and map_with_pool returned as if nothing had happened")
    };
    assert_eq!(
        message, "item 5 is broken",
        "`executor.map` re-raises the job's own exception in the caller; the pool should \
         panic with the job's own panic, unchanged. \"a scoped thread panicked\" is what \
         `std::thread::scope` says when it joins a panicked thread by itself: keep the \
         `ScopedJoinHandle`s, `join()` each, and `std::panic::resume_unwind` the payload \
         of one that panicked."
    );
}

#[test]
fn a_pool_of_zero_workers_still_does_the_work() {
    let outcome = watchdog::within(
        watchdog::LIMIT,
        "The pool never finished with 0 workers.",
        || std::panic::catch_unwind(|| map_with_pool(&[1, 2, 3], 0, || (), |(), n| n * 2)),
    );
    match outcome {
        Ok(results) => assert_eq!(results, [2, 4, 6]),
        Err(payload) => panic!(
            "with 0 workers the pool panicked ({:?}): no thread ever took an item, and the \
             results were missing. A pool of 0 workers is taken as 1 \
             (`workers.max(1)`), like the chapter's.",
            panic_message(payload.as_ref())
        ),
    }
}
