//! The tests of the `shared_total` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! A lost update is a race: it happens on some runs, not all. So the race tests run
//! many rounds on a runtime with several threads, and `cargo course verify` runs them
//! again and again (`repeat` in `exercises.toml`).

use std::time::Duration;

use course_kit::watchdog;

use crate::shared_total::shared_total;

/// The one-thread test runs on the paused clock and takes milliseconds: two seconds
/// leave a slow machine room and keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

const HANG: &str = "shared_total never returned: does every task end (a for loop of \
                    `adds` adds), and is every JoinHandle awaited once?";

/// Adds per task on several threads: enough that the tasks overlap in time, so a
/// lost update can show in a round.
const ADDS: u64 = 20_000;

/// How long the four-thread test keeps starting new rounds. A lost update needs two
/// threads to run at the same moment, which a loaded machine allows only now and
/// then, so the test tries for a while rather than a fixed number of times. A fast
/// solution (an atomic) gets through a hundred rounds or more; the slowest correct
/// one the chapter mentions (a tokio `Mutex`, about a second of CPU per million adds
/// in a debug build) gets through a few, well within the watchdog's limit. The time
/// only decides how many rounds run, never whether the test passes.
const TRYING: Duration = Duration::from_millis(500);

/// `shared_total(workers, adds)` on a runtime with `threads` worker threads, round
/// after round, at least `rounds` times and then until `trying` has passed (or a
/// total is off): the totals that came back.
#[track_caller]
fn totals(threads: usize, rounds: usize, trying: Duration, workers: usize, adds: u64) -> Vec<u64> {
    let expected = workers as u64 * adds;
    watchdog::on_runtime(
        watchdog::LIMIT,
        HANG,
        move || {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(threads)
                .build()
        },
        move || async move {
            let started = std::time::Instant::now();
            let mut totals = Vec::new();
            while totals.len() < rounds || started.elapsed() < trying {
                let total = shared_total(workers, adds).await;
                totals.push(total);
                if total != expected && totals.len() >= rounds {
                    break;
                }
            }
            totals
        },
    )
}

/// The totals that were not `expected`, as (round, total), at most five.
fn wrong_rounds(totals: &[u64], expected: u64) -> Vec<(usize, u64)> {
    let wrong = totals
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, t)| t != expected);
    wrong.take(5).collect()
}

/// What short totals on several threads point to. (The one-thread test can tell
/// these apart for sure; here the figures can only narrow them down.)
fn likely_causes(totals: &[u64]) -> &'static str {
    if totals.iter().all(|&total| total == 0) {
        "Every total was 0, so the adds never reached the counter that was read: \
         either it was read before any task ran (await every JoinHandle first), or \
         each task added to a copy of its own (`async move` copies a u64 into each \
         task: share one counter through an Arc)"
    } else {
        "On several threads, tasks run at the same time: a load then a store is two \
         steps another thread comes between, with no await at all, so use one atomic \
         fetch_add (or a Mutex held for both). Or the total was read while some tasks \
         were still adding: await every JoinHandle before reading it"
    }
}

#[test]
fn on_one_thread_an_await_between_read_and_write_loses_nothing() {
    let (got, alive) = watchdog::paused(LIMIT, HANG, || async {
        let total = shared_total(4, 100).await;
        // On one thread a task that has ended is gone at once: any task still
        // alive was spawned and never awaited.
        let alive = tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks();
        (total, alive)
    });
    let why = if alive > 0 {
        format!(
            "{alive} of its tasks were still alive when shared_total returned: it read \
             the total before they had finished. Await every JoinHandle first"
        )
    } else if got == 0 {
        "Every task had ended, yet the total is 0: the adds went somewhere else. \
         `async move` copies a u64 (a Copy type) into each task, so each task added \
         to its own copy. Share one counter, in an Arc, between the tasks"
            .to_string()
    } else {
        "Every task had ended, with adds lost: an add is two steps with a yield \
         between (Python's `seen = total; await ...; total = seen + 1`), and another \
         task adds in between and is overwritten"
            .to_string()
    };
    assert_eq!(
        got, 400,
        "expected 4 tasks x 100 adds = 400 on a one-thread runtime. {why}"
    );
}

#[test]
fn on_four_threads_no_add_is_lost() {
    let totals = totals(4, 1, TRYING, 4, ADDS);
    let expected = 4 * ADDS;
    assert_eq!(
        wrong_rounds(&totals, expected),
        [],
        "expected 4 x {ADDS} = {expected} in every one of {} rounds; these (round, \
         total) were short. {}",
        totals.len(),
        likely_causes(&totals)
    );
}

#[test]
fn the_total_is_read_only_once_every_task_has_finished() {
    let totals = totals(2, 30, Duration::ZERO, 4, 50);
    assert_eq!(
        wrong_rounds(&totals, 200),
        [],
        "expected 4 x 50 = 200 in every round; these (round, total) were short. {}",
        likely_causes(&totals)
    );
}

#[test]
fn the_adds_are_made_by_the_spawned_tasks() {
    // `workers * adds` is the right total without a single add. So count the tasks:
    // on one thread, the tasks shared_total spawns cannot run before it first waits,
    // so a task spawned before it (the spy) runs at that wait and sees them alive.
    let (total, spawned) = watchdog::paused(LIMIT, HANG, || async {
        let alive = || {
            tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks()
        };
        let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let spy = tokio::spawn({
            let seen = std::sync::Arc::clone(&seen);
            async move { seen.store(alive(), std::sync::atomic::Ordering::SeqCst) }
        });
        // The spy itself, and anything the test's runtime keeps alive.
        let before = alive();
        let total = shared_total(4, 100).await;
        spy.await.expect("the spy only counts");
        let seen = seen.load(std::sync::atomic::Ordering::SeqCst);
        (total, seen.saturating_sub(before))
    });
    let why = match spawned {
        0 => {
            "no task of shared_total's was alive at its first wait: the total was \
              computed or added up without spawning the 4 tasks (`workers * adds`, or \
              the adds made by shared_total itself or by futures joined on its own \
              task)"
        }
        1..4 => {
            "fewer tasks were alive at its first wait than it should have spawned: \
                 each task awaited before the next one was spawned never runs beside \
                 the others"
        }
        _ => "the tasks were there, so the total is what is off: the other tests say why",
    };
    assert_eq!(
        (total, spawned),
        (400, 4),
        "expected a total of 400 made by 4 spawned tasks, all spawned before the first \
         wait; {} of them were alive then. {why}",
        spawned
    );
}
