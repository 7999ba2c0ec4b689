//! The tests of the `semaphore` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Each "download" sleeps on tokio's paused clock for as long as the test says, and
//! counts how many are running at once. The durations differ on purpose: with equal
//! durations, rounds of `limit` and a sliding window take the same time.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

use crate::semaphore::gather_with_semaphore;

struct Run {
    results: Vec<u64>,
    took: Duration,
    peak: usize,
}

/// Fetch one item per duration (in seconds), `limit` at a time, on the paused clock.
fn run(durations: Vec<u64>, limit: usize) -> Run {
    let why = if limit == 0 {
        "The downloads never finished with a limit of 0. A semaphore with 0 permits lets \
         nothing in, so every download waits for ever: take a limit of 0 as 1 \
         (`limit.max(1)`)."
    } else {
        "The downloads never finished. Is every permit given back (dropped) when its \
         download ends, and is every future awaited (`join_all(...).await`)?"
    };
    watchdog::paused(watchdog::LIMIT, why, move || async move {
        let running = Rc::new(Cell::new(0usize));
        let peak = Rc::new(Cell::new(0usize));
        let started = Instant::now();
        let results = gather_with_semaphore(durations, limit, |secs| {
            let (running, peak) = (Rc::clone(&running), Rc::clone(&peak));
            async move {
                running.set(running.get() + 1);
                peak.set(peak.get().max(running.get()));
                sleep(Duration::from_secs(secs)).await;
                running.set(running.get() - 1);
                secs * 100
            }
        })
        .await;
        Run {
            results,
            took: started.elapsed(),
            peak: peak.get(),
        }
    })
}

#[test]
fn never_more_than_the_limit_at_once() {
    let run = run(vec![3, 1, 2, 1, 3, 2, 1, 1], 3);
    assert!(
        run.peak <= 3,
        "{} downloads ran at once with a limit of 3. Is the permit kept while the \
         download runs? `let _ = semaphore.acquire().await` drops it at once: bind it \
         to a name (`let _permit = ...`), which lives to the end of the block, like \
         the end of Python's `async with`.",
        run.peak
    );
    assert_eq!(
        run.peak, 3,
        "only {} ran at once: all of them should wait at the semaphore together, \
         so that 3 run whenever 3 can",
        run.peak
    );
}

#[test]
fn a_free_permit_is_taken_at_once_not_in_rounds() {
    // Limit 2. The slow one (10 s) runs from 0 to 10 s; beside it, the four 1 s ones
    // run one after the other in the other slot, from 0 to 4 s. All done at 10 s.
    // In rounds of 2 it would be 10 + 1 + 1 = 12 s.
    let run = run(vec![10, 1, 1, 1, 1], 2);
    assert_eq!(
        run.took,
        Duration::from_secs(10),
        "5 downloads of 10, 1, 1, 1, 1 s, 2 at a time should take 10 s: each time one \
         finishes, its permit goes to the next waiting one. 12 s means rounds \
         (`chunks(limit)`), which wait for the slowest of each round."
    );
}

#[test]
fn results_come_back_in_the_order_of_the_items() {
    let run = run(vec![3, 1, 2], 3);
    assert_eq!(
        run.results,
        [300, 100, 200],
        "like `gather`, the results are in the order of the items, not the order the \
         downloads finished in"
    );
    assert_eq!(
        run.took,
        Duration::from_secs(3),
        "all three at once: the slowest, 3 s"
    );
}

#[test]
fn a_limit_of_one_runs_them_one_after_the_other() {
    let run = run(vec![1, 2, 3], 1);
    assert_eq!(
        run.took,
        Duration::from_secs(6),
        "one at a time: 1 + 2 + 3 s"
    );
    assert_eq!(run.peak, 1);
}

#[test]
fn a_limit_of_zero_is_taken_as_one() {
    let run = run(vec![1, 2], 0);
    assert_eq!(
        (run.took, run.peak),
        (Duration::from_secs(3), 1),
        "a limit of 0 would let nothing run; it is taken as 1: one at a time, 1 + 2 s"
    );
}
