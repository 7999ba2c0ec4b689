//! The tests of the `fan_out` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! The jobs take unequal times on purpose: with equal jobs, a policy that runs them
//! in waves of `limit` (a batch, then the next batch) finishes at the same time as a
//! sliding window, and only a slow job among quick ones tells them apart.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

use crate::fan_out::fan_out;

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

const HANG: &str = "fan_out never returned. Is every permit given back when its job \
                    ends, and does the loop over join_next stop when the set is empty? \
                    (With limit 0, a Semaphore with no permits never lets a job start.)";

type Job = Pin<Box<dyn Future<Output = usize> + Send>>;

/// What the jobs of one run did: when each started, and the most running at once.
#[derive(Default)]
struct Record {
    starts: Vec<(usize, Duration)>,
    running: usize,
    peak: usize,
}

/// Job `index`: starts (recorded), takes `secs` seconds, returns `index * 10`.
fn job(record: &Arc<Mutex<Record>>, start: Instant, index: usize, secs: u64) -> Job {
    let record = Arc::clone(record);
    Box::pin(async move {
        {
            let mut r = record.lock().unwrap();
            r.starts.push((index, start.elapsed()));
            r.running += 1;
            r.peak = r.peak.max(r.running);
        }
        sleep(Duration::from_secs(secs)).await;
        record.lock().unwrap().running -= 1;
        index * 10
    })
}

/// Run jobs of the given lengths, `limit` at a time: (results, start time of each
/// job in job order, peak running, time taken).
#[track_caller]
fn run(secs: &'static [u64], limit: usize) -> (Vec<usize>, Vec<u64>, usize, Duration) {
    run_explained(HANG, secs, limit)
}

/// [`run`], with `why` as what the watchdog says beside a panic or a hang.
#[track_caller]
fn run_explained(
    why: &'static str,
    secs: &'static [u64],
    limit: usize,
) -> (Vec<usize>, Vec<u64>, usize, Duration) {
    watchdog::paused(LIMIT, why, move || async move {
        let (record, start) = (Arc::new(Mutex::new(Record::default())), Instant::now());
        let jobs = secs
            .iter()
            .enumerate()
            .map(|(index, &secs)| job(&record, start, index, secs))
            .collect();
        let results = fan_out(jobs, limit).await.expect("no job panics");
        let took = start.elapsed();
        let record = record.lock().unwrap();
        let mut starts = record.starts.clone();
        starts.sort();
        let starts = starts.into_iter().map(|(_, at)| at.as_secs()).collect();
        (results, starts, record.peak, took)
    })
}

#[test]
fn a_slow_first_job_does_not_hold_up_the_other_slot() {
    let (_, starts, peak, took) = run(&[3, 1, 1, 1, 1], 2);
    assert_eq!(
        (starts, took),
        (vec![0, 0, 1, 2, 3], Duration::from_secs(4)),
        "expected (start of each job, time) = ([0, 0, 1, 2, 3], 4 s): a job starts the \
         moment any slot frees up, so the quick jobs go through the second slot one \
         after another while the slow one runs. Starts [0, 0, 3, 3, 4] and 5 s mean \
         waves: a batch of 2, wait for both, the next batch"
    );
    assert_eq!(
        peak, 2,
        "expected 2 jobs running at the busiest moment, the limit"
    );
}

#[test]
fn a_slow_last_job_starts_as_soon_as_a_slot_is_free() {
    let (_, starts, _, took) = run(&[1, 2, 1, 3], 2);
    assert_eq!(
        (starts, took),
        (vec![0, 0, 1, 2], Duration::from_secs(5)),
        "expected starts [0, 0, 1, 2] and 5 s: job 2 takes the slot job 0 frees at \
         1 s, job 3 the one job 1 frees at 2 s"
    );
}

#[test]
fn never_more_than_the_limit_at_once_and_the_limit_is_used() {
    let (_, _, peak, took) = run(&[1; 10], 3);
    let why = if peak > 3 {
        "A higher peak means a job does not hold its permit while it runs (`let _ = \
         permit` drops it at once; name it `_permit`)"
    } else if peak < 3 {
        "A lower peak means the limit is not used: are fewer permits made than \
         `limit`, or does a job wait for more than its own permit?"
    } else {
        ""
    };
    assert_eq!(
        (peak, took),
        (3, Duration::from_secs(4)),
        "expected at most 3 at once, and 3 at once (10 one-second jobs in 4 s). {why}"
    );
}

#[test]
fn results_come_back_in_the_order_of_the_jobs() {
    let (results, _, _, _) = run(&[5, 4, 3, 2, 1], 5);
    assert_eq!(
        results,
        [0, 10, 20, 30, 40],
        "expected each result in its job's place; join_next gives them in the order \
         they finish (here the reverse): put each at its index"
    );
}

#[test]
fn a_limit_of_zero_runs_the_jobs_one_at_a_time() {
    let (results, starts, peak, took) = run(&[1, 2, 1], 0);
    assert_eq!(
        (results, starts, peak, took),
        (vec![0, 10, 20], vec![0, 1, 3], 1, Duration::from_secs(4)),
        "a limit of 0 counts as 1: one job at a time, not none (a Semaphore with 0 \
         permits lets nothing start)"
    );
}

#[test]
fn a_limit_far_above_the_jobs_runs_them_all_at_once() {
    let (results, starts, peak, took) = run_explained(
        "the test ran 3 jobs with a limit of usize::MAX, \"no limit\". A Semaphore \
         holds at most Semaphore::MAX_PERMITS permits, and `Semaphore::new` panics \
         past it: more permits than jobs change nothing, so cap the count there",
        &[2, 1, 3],
        usize::MAX,
    );
    assert_eq!(
        (results, starts, peak, took),
        (vec![0, 10, 20], vec![0, 0, 0], 3, Duration::from_secs(3)),
        "a limit of usize::MAX (\"no limit\") with 3 jobs: all 3 at once, done in 3 s"
    );
}

/// A job that panics after `secs` seconds.
async fn panics_after(secs: u64, position: usize) -> usize {
    sleep(Duration::from_secs(secs)).await;
    panic!("job {position} failed")
}

/// Jobs where one panics after `panic_at` seconds and the others take `others`
/// seconds; the panicking one is at `position`. (error is a panic, time taken,
/// whether any other job ran to its end).
#[track_caller]
fn with_a_panic(position: usize, panic_at: u64, others: &'static [u64]) -> (bool, Duration, bool) {
    watchdog::paused(LIMIT, HANG, move || async move {
        let finished = Arc::new(AtomicBool::new(false));
        let mut jobs: Vec<Job> = others
            .iter()
            .map(|&secs| {
                let finished = Arc::clone(&finished);
                Box::pin(async move {
                    sleep(Duration::from_secs(secs)).await;
                    finished.store(true, Ordering::SeqCst);
                    1_usize
                }) as Job
            })
            .collect();
        jobs.insert(position, Box::pin(panics_after(panic_at, position)));
        let start = Instant::now();
        let result = fan_out(jobs, 8).await;
        let took = start.elapsed();
        // Long past every job: had they not been aborted, they would be done.
        sleep(Duration::from_secs(60)).await;
        (
            result.err().is_some_and(|e| e.is_panic()),
            took,
            finished.load(Ordering::SeqCst),
        )
    })
}

#[test]
fn a_job_that_panics_first_ends_it_at_once_and_the_rest_are_aborted() {
    let got = with_a_panic(0, 1, &[10, 10, 10]);
    assert_eq!(
        got,
        (true, Duration::from_secs(1), false),
        "expected (the panic's JoinError, at 1 s, no other job finished): return the \
         error when it comes back, and the jobs still running are aborted (dropping \
         the JoinSet does it, without waiting for them), as a TaskGroup cancels the rest"
    );
}

#[test]
fn a_job_that_panics_last_still_ends_it_and_aborts_the_slow_one() {
    let got = with_a_panic(3, 3, &[1, 2, 30]);
    assert_eq!(
        got,
        (true, Duration::from_secs(3), true),
        "expected (the panic's JoinError, at 3 s, the quick jobs finished): the jobs \
         done before the panic are done, the 30 s one is aborted at 3 s, and fan_out \
         returns then, not after waiting for every job"
    );
}
