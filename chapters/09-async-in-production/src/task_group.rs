//! Structured concurrency: `asyncio.TaskGroup` as a `JoinSet`.
//!
//! Python 3.11's `async with asyncio.TaskGroup() as tg:` makes a promise: when the
//! block ends, every task started in it has ended too. If one task fails, the group
//! cancels the others, waits for them, and raises. No task outlives the block, so none
//! can leak, keep a socket open, or fail later with nobody listening.
//!
//! Tokio's `JoinSet` is the same promise kept by ownership: the set owns its tasks,
//! and dropping the set aborts them. [`run_group`] adds the TaskGroup policy on top
//! (the first failure cancels the rest), and [`run_group_within`] puts a deadline over
//! the whole group, as `async with asyncio.timeout(...)` around a TaskGroup does.
//!
//! What a `JoinSet` cannot do is what a TaskGroup's tasks do all the time: use the
//! caller's locals. A spawned task belongs to the runtime, not to the function that
//! spawned it, and may outlive it, so `tokio::spawn` asks for `'static` (error E0597,
//! "`names` does not live long enough"):
//!
//! ```compile_fail,E0597
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let names = vec!["ada".to_string(), "grace".to_string()];
//! let mut set = tokio::task::JoinSet::new();
//! for name in &names {
//!     set.spawn(async { name.len() }); // borrows `names`: not 'static
//! }
//! # }
//! ```
//!
//! Tokio has no scoped spawn (std's `thread::scope` for tasks) because a scope cannot
//! be enforced on a future: the future that owns the scope can be dropped, or leaked
//! with `mem::forget`, half way, and its children would live on with dangling
//! borrows. Concurrency *inside* one task has no such problem: `join!`,
//! `futures::future::join_all` and `FuturesUnordered` poll their futures in the
//! caller's own future, so those may borrow ([`lengths_at_once`]). They share the
//! task's thread, though, and are cancelled together with it.

use std::time::Duration;

use course_kit::Timeline;
use futures::StreamExt as _;
use futures::stream::FuturesUnordered;
use tokio::task::JoinSet;

/// One job of the demo: its name, how long it takes, and whether it fails at the end.
#[derive(Debug, Clone, Copy)]
pub struct Job {
    pub name: &'static str,
    pub takes: Duration,
    pub fails: bool,
}

impl Job {
    pub const fn ok(name: &'static str, millis: u64) -> Self {
        Job {
            name,
            takes: Duration::from_millis(millis),
            fails: false,
        }
    }

    pub const fn failing(name: &'static str, millis: u64) -> Self {
        Job {
            fails: true,
            ..Job::ok(name, millis)
        }
    }
}

/// The error a failing job returns: which job it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFailed(pub &'static str);

impl std::fmt::Display for JobFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "job {:?} failed", self.0)
    }
}

impl std::error::Error for JobFailed {}

// ANCHOR: job
/// Python's `try: ... finally:` in a task: `Drop` is the code that runs however the
/// task ends, including when it is cancelled at an `.await` and never resumes.
struct Finally {
    job: &'static str,
    log: Timeline,
    finished: bool,
}

impl Drop for Finally {
    fn drop(&mut self) {
        if !self.finished {
            self.log.say(self.job, "cancelled");
        }
    }
}

async fn run_job(job: Job, log: Timeline) -> Result<&'static str, JobFailed> {
    let mut finally = Finally {
        job: job.name,
        log: log.clone(),
        finished: false,
    };
    log.say(job.name, "started");
    tokio::time::sleep(job.takes).await;
    finally.finished = true;
    if job.fails {
        log.say(job.name, "failed");
        return Err(JobFailed(job.name));
    }
    log.say(job.name, "done");
    Ok(job.name)
}
// ANCHOR_END: job

// ANCHOR: run_group
/// Run every job as a task of one group, like `async with asyncio.TaskGroup()`: return
/// the names in the order they finished when all succeed; on the first failure, cancel
/// the others, wait until they have stopped, and return that failure.
pub async fn run_group(jobs: &[Job], log: &Timeline) -> Result<Vec<&'static str>, JobFailed> {
    let mut group = JoinSet::new();
    for &job in jobs {
        group.spawn(run_job(job, log.clone()));
    }
    let mut finished = Vec::new();
    while let Some(joined) = group.join_next().await {
        match joined {
            Ok(Ok(name)) => finished.push(name),
            Ok(Err(failed)) => {
                // `shutdown` aborts every task still in the set *and waits* until each
                // has stopped, as TaskGroup waits for its cancelled tasks. (Dropping the
                // set on `return` would abort them too, without the wait.)
                group.shutdown().await;
                return Err(failed);
            }
            // Only this function aborts tasks in `group`, and it never gets here after
            // doing so, so a `JoinError` is a panic: carry it on, as TaskGroup re-raises.
            Err(crashed) => std::panic::resume_unwind(crashed.into_panic()),
        }
    }
    Ok(finished)
}
// ANCHOR_END: run_group

/// How a group under a deadline can end.
#[derive(Debug, PartialEq, Eq)]
pub enum GroupOutcome {
    Finished(Result<Vec<&'static str>, JobFailed>),
    TimedOut,
}

// ANCHOR: run_group_within
/// `async with asyncio.timeout(limit): async with asyncio.TaskGroup() as tg: ...`
///
/// `timeout` drops the group's future when the time is up; the future owns the
/// `JoinSet`, and dropping a `JoinSet` aborts every task in it. Nothing more to write.
pub async fn run_group_within(limit: Duration, jobs: &[Job], log: &Timeline) -> GroupOutcome {
    match tokio::time::timeout(limit, run_group(jobs, log)).await {
        Ok(result) => GroupOutcome::Finished(result),
        Err(_elapsed) => GroupOutcome::TimedOut,
    }
}
// ANCHOR_END: run_group_within

// ANCHOR: borrowing
/// The length of each name, found "slowly" and all at once, in the order they finish:
/// the futures borrow `names`, which no spawned task may do. They all run inside
/// this one future, so the borrows end before it returns.
pub async fn lengths_at_once(names: &[String]) -> Vec<usize> {
    let mut running: FuturesUnordered<_> = names
        .iter()
        .map(|name| async move {
            let len = name.len();
            tokio::time::sleep(Duration::from_millis(100 * len as u64)).await;
            len
        })
        .collect();
    let mut lengths = Vec::new();
    while let Some(len) = running.next().await {
        lengths.push(len);
    }
    lengths
}
// ANCHOR_END: borrowing

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    const SECOND: Duration = Duration::from_secs(1);

    fn lane(log: &Timeline, job: &str) -> Vec<(Duration, String)> {
        log.events()
            .into_iter()
            .filter(|e| e.lane == job)
            .map(|e| (e.at, e.what))
            .collect()
    }

    #[tokio::test(start_paused = true)]
    async fn a_group_of_successes_takes_as_long_as_its_slowest_job() {
        let log = Timeline::quiet();
        let jobs = [Job::ok("a", 3000), Job::ok("b", 1000), Job::ok("c", 2000)];
        let started = Instant::now();
        let finished = run_group(&jobs, &log).await;
        assert_eq!(
            finished,
            Ok(vec!["b", "c", "a"]),
            "in the order they finish"
        );
        assert_eq!(started.elapsed(), 3 * SECOND);
    }

    #[tokio::test(start_paused = true)]
    async fn the_first_failure_cancels_the_rest_at_the_moment_it_happens() {
        let log = Timeline::quiet();
        let jobs = [
            Job::ok("slow", 3000),
            Job::failing("broken", 1000),
            Job::ok("slower", 5000),
        ];
        let started = Instant::now();
        let result = run_group(&jobs, &log).await;
        assert_eq!(result, Err(JobFailed("broken")));
        assert_eq!(started.elapsed(), SECOND, "no waiting for the slow jobs");
        for job in ["slow", "slower"] {
            assert_eq!(
                lane(&log, job),
                [
                    (Duration::ZERO, "started".into()),
                    (SECOND, "cancelled".into())
                ],
                "{job} ran its cleanup when the group cancelled it"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn no_child_outlives_the_group() {
        let log = Timeline::quiet();
        let jobs = [Job::failing("broken", 1000), Job::ok("slow", 3000)];
        let _ = run_group(&jobs, &log).await;
        // Whatever the group did, by the time it returned every child had stopped.
        assert_eq!(
            tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks(),
            0,
            "a task of the group is still alive after the group returned"
        );
        tokio::time::sleep(10 * SECOND).await;
        assert_eq!(
            log.when("slow", "done"),
            None,
            "the cancelled job never resumed"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_timeout_over_the_group_cancels_every_child_at_the_deadline() {
        let log = Timeline::quiet();
        let jobs = [
            Job::ok("quick", 500),
            Job::ok("slow", 3000),
            Job::ok("slower", 4000),
        ];
        let outcome = run_group_within(2 * SECOND, &jobs, &log).await;
        assert_eq!(outcome, GroupOutcome::TimedOut);
        assert_eq!(log.when("quick", "done"), Some(Duration::from_millis(500)));
        // The runtime drops an aborted task on its next turn, at the same instant.
        tokio::task::yield_now().await;
        assert_eq!(log.when("slow", "cancelled"), Some(2 * SECOND));
        assert_eq!(log.when("slower", "cancelled"), Some(2 * SECOND));
    }

    #[tokio::test(start_paused = true)]
    async fn a_timeout_returns_before_the_children_have_run_their_cleanup() {
        // Python's `asyncio.timeout` around a TaskGroup waits for the cancelled tasks'
        // `finally` blocks before it raises. A drop cannot wait: the children are told
        // to stop, and stop when the runtime next gets to them.
        let log = Timeline::quiet();
        let jobs = [Job::ok("slow", 3000)];
        let _ = run_group_within(2 * SECOND, &jobs, &log).await;
        assert_eq!(log.when("slow", "cancelled"), None, "cleanup already ran?");
        tokio::task::yield_now().await;
        assert_eq!(log.when("slow", "cancelled"), Some(2 * SECOND));
        let alive = tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks();
        assert_eq!(alive, 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_group_that_finishes_in_time_is_not_touched_by_its_timeout() {
        let log = Timeline::quiet();
        let jobs = [Job::ok("a", 500), Job::ok("b", 1500)];
        let outcome = run_group_within(2 * SECOND, &jobs, &log).await;
        assert_eq!(outcome, GroupOutcome::Finished(Ok(vec!["a", "b"])));
    }

    #[tokio::test(start_paused = true)]
    async fn futures_unordered_runs_borrowing_futures_at_once_in_one_task() {
        let names = vec!["grace".to_string(), "ada".to_string()];
        let start = tokio::time::Instant::now();
        assert_eq!(
            lengths_at_once(&names).await,
            [3, 5],
            "in the order they finish"
        );
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(500),
            "at once: the longest"
        );
        assert_eq!(names.len(), 2, "still ours");
    }
}
