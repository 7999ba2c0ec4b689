//! The tests of the `shared_total` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! A lost update is a race: it happens on some runs, not all. So the race tests run
//! many rounds on a runtime with several threads, and `cargo course verify` runs them
//! again and again (`repeat` in `exercises.toml`).

use std::time::Duration;

use course_kit::watchdog;

use crate::shared_total::shared_total;

/// The rounds take milliseconds; two seconds leave a slow machine room.
const LIMIT: Duration = Duration::from_secs(2);

const HANG: &str = "shared_total never returned: does every task end (a for loop of \
                    `adds` adds), and is every JoinHandle awaited once?";

/// `shared_total(workers, adds)` `rounds` times on a runtime with `threads` worker
/// threads: the totals that came back.
#[track_caller]
fn totals(threads: usize, rounds: usize, workers: usize, adds: u64) -> Vec<u64> {
    watchdog::on_runtime(
        LIMIT,
        HANG,
        move || {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(threads)
                .build()
        },
        move || async move {
            let mut totals = Vec::new();
            for _ in 0..rounds {
                totals.push(shared_total(workers, adds).await);
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

#[test]
fn on_one_thread_an_await_between_read_and_write_loses_nothing() {
    let got = watchdog::paused(LIMIT, HANG, || async { shared_total(4, 100).await });
    assert_eq!(
        got, 400,
        "expected 4 tasks x 100 adds = 400 on a one-thread runtime. Less means an add \
         is two steps with a yield between (Python's `seen = total; await ...; total = \
         seen + 1`): another task adds in between and is overwritten. 0 means the \
         total was read before the tasks ran: await every JoinHandle first"
    );
}

#[test]
fn on_four_threads_no_add_is_lost() {
    let totals = totals(4, 10, 4, 50_000);
    assert_eq!(
        wrong_rounds(&totals, 200_000),
        [],
        "expected 4 x 50000 = 200000 in every round; these (round, total) were short. On \
         several threads, tasks run at the same time: a load then a store is two \
         steps another thread comes between, with no await at all. Use one atomic \
         fetch_add (or a Mutex held for both), and await every task before reading"
    );
}

#[test]
fn the_total_is_read_only_once_every_task_has_finished() {
    let totals = totals(2, 30, 4, 50);
    assert_eq!(
        wrong_rounds(&totals, 200),
        [],
        "expected 4 x 50 = 200 in every round; these (round, total) were short. A \
         spawned task runs on its own: read the total only after awaiting every \
         JoinHandle, or some tasks are still adding"
    );
}
