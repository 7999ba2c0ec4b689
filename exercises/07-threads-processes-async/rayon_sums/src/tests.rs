//! The tests of the `rayon_sums` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! No test times anything. Concurrency is proven by jobs that can only finish if
//! others run at the same moment (they wait for each other), so a one-at-a-time map
//! hangs, and the watchdog stops it with a message saying so.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use course_kit::watchdog;

use crate::rayon_sums::{checked_total, cpu_bound, map_in_parallel, total_in_parallel};

const ONE_AT_A_TIME: &str = "The jobs never ran at the same time, and each waits for another \
     one, so they hang. Python's `pool.map` runs them in parallel: in Rust that is \
     `numbers.par_iter()` (rayon::prelude), not `numbers.iter()`.";

/// A pool of exactly `threads` threads, so that the tests mean the same on a laptop
/// with 16 cores and on a CI machine with 2.
fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a small thread pool can always be built")
}

#[test]
fn answers_come_back_in_the_order_of_the_numbers() {
    let numbers: Vec<u64> = (0..100).collect();
    let answers = map_in_parallel(&numbers, |n| u128::from(n) * 10);
    let expected: Vec<u128> = (0..100).map(|n| n * 10).collect();
    assert_eq!(answers, expected, "pool.map keeps the order of its input");
}

#[test]
fn order_is_kept_even_when_the_first_number_finishes_last() {
    // Four jobs on four threads, each waiting until the next one has finished: they
    // finish in the order 3, 2, 1, 0. `pool.map` still answers [0, 1, 2, 3] order.
    let answers = watchdog::within(watchdog::LIMIT, ONE_AT_A_TIME, || {
        let done: Arc<Vec<AtomicBool>> = Arc::new((0..4).map(|_| AtomicBool::new(false)).collect());
        pool(4).install(|| {
            map_in_parallel(&[0, 1, 2, 3], |n| {
                let n = n as usize;
                if n < 3 {
                    while !done[n + 1].load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
                done[n].store(true, Ordering::SeqCst);
                n as u128 * 100
            })
        })
    });
    assert_eq!(
        answers,
        [0, 100, 200, 300],
        "the answers must be in the order of the numbers, not the order the jobs \
         finished in (job 3 finished first here). Collect the parallel iterator \
         instead of pushing answers into a shared Vec as they arrive."
    );
}

#[test]
fn the_total_is_exact() {
    let numbers: Vec<u64> = (0..20).map(|x| 10_000 + x).collect();
    // Σ i² for i < n is (n-1)n(2n-1)/6.
    let closed_form = |n: u64| {
        let n = u128::from(n);
        (n - 1) * n * (2 * n - 1) / 6
    };
    let expected: u128 = numbers.iter().map(|&n| closed_form(n)).sum();
    assert_eq!(
        total_in_parallel(&numbers),
        expected,
        "Σ cpu_bound(n) over the numbers"
    );
    assert_eq!(cpu_bound(4), 1 + 4 + 9, "the given cpu_bound is untouched");
}

#[test]
fn every_job_runs_on_rayons_pool() {
    let on_pool = map_in_parallel(&[1, 2, 3, 4], |_| {
        u128::from(rayon::current_thread_index().is_some())
    });
    assert_eq!(
        on_pool,
        [1, 1, 1, 1],
        "each job should run on one of rayon's worker threads (par_iter), not on the \
         caller's thread or a thread you started yourself"
    );
}

#[test]
fn two_jobs_run_at_the_same_time() {
    // Each job waits for the other at a barrier: they can only finish together.
    let answers = watchdog::within(watchdog::LIMIT, ONE_AT_A_TIME, || {
        let barrier = Barrier::new(2);
        pool(2).install(|| {
            map_in_parallel(&[1, 2], |n| {
                barrier.wait();
                u128::from(n)
            })
        })
    });
    assert_eq!(answers, [1, 2]);
}

/// `checked_total(numbers)`, or what its panic said.
fn checked(numbers: &[u64]) -> Result<Option<u64>, String> {
    std::panic::catch_unwind(|| checked_total(numbers)).map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

const OVERFLOW: &str = "Rust's `+` on a u64 panics when the sum does not fit (in a debug \
     build; a release build wraps around silently), and `as u64` cuts off what does not \
     fit without a word. A Python int just grows. `u64::try_from(answer).ok()` says \
     whether an answer fits, and `checked_add` whether a sum does: `None` when not.";

#[test]
fn a_total_that_fits_in_a_u64_is_exact() {
    // 8_999_995_500_000_500_000 each: two of them are just below u64::MAX.
    let got = checked(&[3_000_000, 3_000_000]);
    assert_eq!(
        got,
        Ok(Some(17_999_991_000_001_000_000)),
        "twice cpu_bound(3_000_000) fits in a u64. {OVERFLOW}"
    );
    assert_eq!(checked(&[]), Ok(Some(0)), "nothing to add: 0");
}

#[test]
fn a_total_that_does_not_fit_in_a_u64_is_none() {
    let got = checked(&[3_000_000, 3_000_000, 3_000_000]);
    let why = match &got {
        Err(panic) => format!("checked_total panicked ({panic:?}). {OVERFLOW}"),
        Ok(Some(wrong)) => format!(
            "checked_total gave {wrong}, but the true total is \
             26_999_986_500_001_500_000, more than a u64 holds: the sum wrapped around. \
             Each answer fits; their sum does not, so check the additions too. {OVERFLOW}"
        ),
        Ok(None) => String::new(),
    };
    assert_eq!(got, Ok(None), "{why}");
}

#[test]
fn one_answer_too_big_for_a_u64_is_none() {
    let got = checked(&[4_000_000]);
    let why = match &got {
        Err(panic) => format!("checked_total panicked ({panic:?}). {OVERFLOW}"),
        Ok(Some(wrong)) => format!(
            "checked_total gave {wrong}, but cpu_bound(4_000_000) is \
             21_333_325_333_334_000_000, more than a u64 holds: it was cut down to fit \
             (`as u64`?). {OVERFLOW}"
        ),
        Ok(None) => String::new(),
    };
    assert_eq!(got, Ok(None), "{why}");
}
