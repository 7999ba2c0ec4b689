//! The tests of the `spawn_all` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

use crate::spawn_all::spawn_all;

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

const HANG: &str = "spawn_all never returned: does it await every handle?";

type Job = Pin<Box<dyn Future<Output = &'static str> + Send>>;

/// When each job started and ended, on the paused clock, by job name.
type Log = Arc<Mutex<Vec<(&'static str, &'static str, Duration)>>>;

/// A job that takes `secs` and returns `name`, logging its start and end.
fn job(log: &Log, start: Instant, name: &'static str, secs: u64) -> Job {
    let log = Arc::clone(log);
    Box::pin(async move {
        log.lock().unwrap().push((name, "start", start.elapsed()));
        sleep(Duration::from_secs(secs)).await;
        log.lock().unwrap().push((name, "end", start.elapsed()));
        name
    })
}

/// A job that panics after `secs`.
fn failing(secs: u64, why: &'static str) -> Job {
    Box::pin(async move {
        sleep(Duration::from_secs(secs)).await;
        panic!("{why}")
    })
}

#[test]
fn all_jobs_run_at_once_so_the_slowest_sets_the_time() {
    let (results, took, log) = watchdog::paused(LIMIT, HANG, || async {
        let (log, start) = (Log::default(), Instant::now());
        let jobs = vec![
            job(&log, start, "a", 3),
            job(&log, start, "b", 1),
            job(&log, start, "c", 2),
        ];
        let results: Vec<_> = spawn_all(jobs).await.into_iter().map(Result::ok).collect();
        (results, start.elapsed(), log.lock().unwrap().clone())
    });
    assert_eq!(
        results,
        [Some("a"), Some("b"), Some("c")],
        "expected every result in the order of the jobs (a, b, c), though they \
         finished b, c, a"
    );
    let starts: Vec<Duration> = log.iter().filter(|e| e.1 == "start").map(|e| e.2).collect();
    assert_eq!(
        (took, starts),
        (Duration::from_secs(3), vec![Duration::ZERO; 3]),
        "expected 3 s with every job started at 0 s: all of them run at once. 6 s \
         with starts at 0, 3 and 4 s means each was awaited (or spawned and awaited \
         at once) before the next started: spawn them all first, then await"
    );
}

#[test]
fn a_panic_first_and_a_panic_last_take_their_places_and_stop_nothing() {
    let (outcomes, took) = watchdog::paused(LIMIT, HANG, || async {
        let (log, start) = (Log::default(), Instant::now());
        let jobs = vec![
            failing(1, "the first job broke"),
            job(&log, start, "middle", 2),
            failing(3, "the last job broke"),
        ];
        let outcomes: Vec<Result<&str, bool>> = spawn_all(jobs)
            .await
            .into_iter()
            .map(|result| result.map_err(|error| error.is_panic()))
            .collect();
        (outcomes, start.elapsed())
    });
    assert_eq!(
        (outcomes, took),
        (
            vec![Err(true), Ok("middle"), Err(true)],
            Duration::from_secs(3)
        ),
        "expected (a panic's JoinError, the middle job's result, a panic's JoinError) \
         at 3 s: a task that panics ends with a JoinError that says so, and the others \
         run on, as Python keeps the exception in its place"
    );
}

#[test]
fn the_tasks_keep_running_when_nobody_awaits_spawn_all_any_more() {
    let ended = watchdog::paused(LIMIT, HANG, || async {
        let (log, start) = (Log::default(), Instant::now());
        let jobs = vec![job(&log, start, "a", 2), job(&log, start, "b", 3)];
        // Give up on spawn_all after 1 s: its future is dropped, with the handles.
        let gave_up = tokio::time::timeout(Duration::from_secs(1), spawn_all(jobs)).await;
        assert!(
            gave_up.is_err(),
            "the jobs take 2 and 3 s; spawn_all cannot be done at 1 s"
        );
        sleep(Duration::from_secs(5)).await;
        let ends: Vec<&str> = log
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e.1 == "end")
            .map(|e| e.0)
            .collect();
        ends
    });
    assert_eq!(
        ended,
        ["a", "b"],
        "expected both jobs to finish although spawn_all was dropped at 1 s: a spawned \
         task runs on its own, like an asyncio task, and dropping its JoinHandle only \
         detaches it. Jobs that stopped were not spawned, only awaited"
    );
}
