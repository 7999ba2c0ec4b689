//! The tests of the `bounded` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Each "download" sleeps on tokio's paused clock for as long as the test says. The
//! tests count how many run at once, and how many futures exist before the first one
//! finishes; the durations differ on purpose, so that rounds of `limit` and a sliding
//! window cannot take the same time.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

use crate::bounded::{deliver_in_order, download_bounded};

#[derive(Default)]
struct Counts {
    made: Cell<usize>,
    running: Cell<usize>,
    peak: Cell<usize>,
    /// How many futures had been made when the first download finished.
    made_before_first_done: Cell<Option<usize>>,
    finished: RefCell<Vec<u64>>,
}

struct Run {
    results: Vec<Result<u64, String>>,
    took: Duration,
    peak: usize,
    made_before_first_done: Option<usize>,
    finished: Vec<u64>,
}

/// Download one item per duration in seconds (0 = fails at once), `limit` at a time.
fn run(durations: Vec<u64>, limit: usize) -> Run {
    let why = if limit == 0 {
        "The downloads never finished with a limit of 0: `buffer_unordered(0)` never \
         starts a single future, and waits for ever. Take a limit of 0 as 1 \
         (`limit.max(1)`)."
    } else {
        "The downloads never finished. A stream, like a future, does nothing until it \
         is polled: is it driven to the end (`.collect::<Vec<_>>().await`)?"
    };
    watchdog::paused(watchdog::LIMIT, why, move || async move {
        let counts = Rc::new(Counts::default());
        let started = Instant::now();
        let results = download_bounded(durations, limit, |secs| {
            let counts = Rc::clone(&counts);
            counts.made.set(counts.made.get() + 1);
            async move {
                counts.running.set(counts.running.get() + 1);
                counts.peak.set(counts.peak.get().max(counts.running.get()));
                sleep(Duration::from_secs(secs)).await;
                counts.running.set(counts.running.get() - 1);
                if counts.made_before_first_done.get().is_none() {
                    counts.made_before_first_done.set(Some(counts.made.get()));
                }
                counts.finished.borrow_mut().push(secs);
                if secs == 0 {
                    Err(format!("site {secs} failed"))
                } else {
                    Ok(secs)
                }
            }
        })
        .await;
        Run {
            results,
            took: started.elapsed(),
            peak: counts.peak.get(),
            made_before_first_done: counts.made_before_first_done.get(),
            finished: counts.finished.take(),
        }
    })
}

#[test]
fn never_more_than_the_limit_in_flight() {
    let run = run(vec![3, 1, 2, 1, 3, 2, 1, 1, 2, 3], 3);
    let peak = run.peak;
    assert!(
        peak <= 3,
        "{peak} downloads ran at once with a limit of 3: `join_all` runs them all; \
         `buffer_unordered(limit)` runs at most `limit`"
    );
    assert_eq!(
        peak, 3,
        "only {peak} ran at once: 3 should run whenever 3 can"
    );
}

#[test]
fn a_free_slot_is_filled_at_once_not_in_rounds() {
    // Limit 2: the 10 s one in one slot, the four 1 s ones one after another in the
    // other. Done at 10 s. Rounds of 2 (`chunks`) would take 10 + 1 + 1 = 12 s.
    let run = run(vec![10, 1, 1, 1, 1], 2);
    assert_eq!(
        run.took,
        Duration::from_secs(10),
        "5 downloads of 10, 1, 1, 1, 1 s, 2 at a time, should take 10 s: a new one \
         starts each time one finishes. 12 s means rounds, which wait for the slowest \
         of each round while a slot stays empty."
    );
}

#[test]
fn futures_are_made_only_when_there_is_room() {
    let run = run(vec![1; 100], 5);
    let made = run.made_before_first_done.unwrap_or(0);
    assert!(
        made <= 6,
        "{made} of 100 download futures existed before the first download finished, \
         with a limit of 5. A stream makes each future only when a slot is free \
         (`stream::iter(...).map(...)` then `buffer_unordered`); collecting all the \
         futures first (or `join_all`) holds every one of them in memory at once."
    );
    assert_eq!(
        run.took,
        Duration::from_secs(20),
        "100 one-second downloads, 5 at a time: 20 s"
    );
}

#[test]
fn results_come_back_in_the_order_of_the_items_not_the_order_they_finished() {
    let run = run(vec![3, 1, 2], 3);
    assert_eq!(run.finished, [1, 2, 3], "they finished fastest first");
    assert_eq!(
        run.results,
        [Ok(3), Ok(1), Ok(2)],
        "`buffer_unordered` yields results as they finish; put them back in the order \
         of the items (keep each item's index beside its result, then sort)"
    );
}

#[test]
fn a_failure_first_or_last_is_kept_in_its_place_and_the_others_still_run() {
    let run = run(vec![0, 2, 1, 0], 2);
    assert_eq!(
        run.results,
        [
            Err("site 0 failed".into()),
            Ok(2),
            Ok(1),
            Err("site 0 failed".into())
        ],
        "a failed download is one result among the others, in its place; it stops nothing"
    );
    assert_eq!(run.took, Duration::from_secs(2));
}

#[test]
fn a_limit_of_zero_is_taken_as_one() {
    let run = run(vec![1, 2], 0);
    assert_eq!(
        (run.took, run.peak, run.results),
        (Duration::from_secs(3), 1, vec![Ok(1), Ok(2)]),
        "a limit of 0 would let nothing run; it is taken as 1: one at a time, 1 + 2 s"
    );
}

/// `deliver_in_order` over one download per duration in seconds, `limit` at a time:
/// each result (its duration) with the moment it was delivered, and the peak.
fn delivered(durations: Vec<u64>, limit: usize) -> (Vec<(u64, u64)>, usize) {
    watchdog::paused(
        watchdog::LIMIT,
        "deliver_in_order never finished. Is the stream driven to its end \
         (`while let Some(..) = stream.next().await`), with a limit of at least 1?",
        move || async move {
            let counts = Rc::new(Counts::default());
            let start = Instant::now();
            let mut got = Vec::new();
            deliver_in_order(
                durations,
                limit,
                |secs| {
                    let counts = Rc::clone(&counts);
                    async move {
                        counts.running.set(counts.running.get() + 1);
                        counts.peak.set(counts.peak.get().max(counts.running.get()));
                        sleep(Duration::from_secs(secs)).await;
                        counts.running.set(counts.running.get() - 1);
                        secs
                    }
                },
                |secs| got.push((start.elapsed().as_secs(), secs)),
            )
            .await;
            (got, counts.peak.get())
        },
    )
}

#[test]
fn each_result_is_delivered_in_order_as_soon_as_its_turn_comes() {
    // Limit 2: the 1 s one first, then the 10 s one; three 1 s ones run beside it and
    // finish at 2, 3 and 4 s, but must wait for it, which finishes at 10 s.
    let (got, peak) = delivered(vec![1, 10, 1, 1, 1], 2);
    let values: Vec<u64> = got.iter().map(|&(_, secs)| secs).collect();
    let times: Vec<u64> = got.iter().map(|&(at, _)| at).collect();
    assert_eq!(
        values,
        [1, 10, 1, 1, 1],
        "results must be delivered in the order of the items, not the order they \
         finished in: keep one that comes early until every one before it is delivered"
    );
    let why = match times.as_slice() {
        [10, ..] => {
            "the first result was ready at 1 s and waited until 10 s: it was held back \
             until everything was in (collect, then sort), as the chapter's listing \
             does. Deliver it as soon as it and all before it are in."
        }
        [1, 10, 10, 11, ..] => {
            "the last two were delivered at 11 s, not 10 s: they only started at 10 s. \
             `buffered(limit)` keeps the order, but a finished result holds its slot \
             until its turn, so the 10 s download held up the next ones. Use \
             `buffer_unordered` and put the results in order yourself."
        }
        _ => "the first at 1 s, the rest at 10 s when the slow one is in",
    };
    assert_eq!(times, [1, 10, 10, 10, 10], "{why}");
    assert!(peak <= 2, "{peak} downloads ran at once with a limit of 2");
}

#[test]
fn nothing_to_deliver_delivers_nothing() {
    let (got, _) = delivered(Vec::new(), 3);
    assert!(got.is_empty(), "no items, no deliveries; got {got:?}");
    let (got, peak) = delivered(vec![2, 1], 0);
    let values: Vec<u64> = got.iter().map(|&(_, secs)| secs).collect();
    assert_eq!(
        (values, peak),
        (vec![2, 1], 1),
        "a limit of 0 is taken as 1: one at a time, in order"
    );
}
