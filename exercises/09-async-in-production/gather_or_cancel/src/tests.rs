//! The tests of the `gather_or_cancel` exercise. Its solution runs this same file, so
//! what passes there is exactly what you are asked for here.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

use crate::gather_or_cancel::gather_or_cancel;

const HANG: &str = "gather_or_cancel never returned. Does your loop over join_next stop \
                    when the set is empty, and return as soon as a job fails?";

/// Counts the jobs of one test: how many are running now, how many finished, how
/// many were cancelled (dropped before finishing).
#[derive(Default)]
struct Probe {
    alive: AtomicUsize,
    finished: AtomicUsize,
    cancelled: AtomicUsize,
}

/// Lives as long as a job's future: its `Drop` is how a cancelled job is seen.
struct Alive {
    probe: Arc<Probe>,
    finished: bool,
}

impl Drop for Alive {
    fn drop(&mut self) {
        self.probe.alive.fetch_sub(1, Ordering::SeqCst);
        if !self.finished {
            self.probe.cancelled.fetch_add(1, Ordering::SeqCst);
        }
    }
}

type Job = std::pin::Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

impl Probe {
    /// A job that takes `secs` seconds, then returns `value` or, if `fails`, the
    /// error "job {value} failed".
    fn job(self: &Arc<Self>, secs: u64, value: u32, fails: bool) -> Job {
        let probe = Arc::clone(self);
        Box::pin(async move {
            probe.alive.fetch_add(1, Ordering::SeqCst);
            let mut alive = Alive {
                probe: Arc::clone(&probe),
                finished: false,
            };
            sleep(Duration::from_secs(secs)).await;
            alive.finished = true;
            probe.finished.fetch_add(1, Ordering::SeqCst);
            if fails {
                Err(format!("job {value} failed"))
            } else {
                Ok(value)
            }
        })
    }

    fn count(&self, which: fn(&Probe) -> &AtomicUsize) -> usize {
        which(self).load(Ordering::SeqCst)
    }
}

/// What a run showed: the result, when it came, and the probe's counts at that moment.
struct Run {
    result: Result<Vec<u32>, String>,
    took: Duration,
    alive_at_return: usize,
    probe: Arc<Probe>,
}

/// Run `gather_or_cancel` over jobs given as (seconds, value, fails).
fn run(jobs: &'static [(u64, u32, bool)]) -> Run {
    watchdog::paused(watchdog::LIMIT, HANG, move || async move {
        let probe = Arc::new(Probe::default());
        let list = jobs
            .iter()
            .map(|&(secs, value, fails)| probe.job(secs, value, fails))
            .collect();
        let start = Instant::now();
        let result = gather_or_cancel(list).await;
        let took = start.elapsed();
        let alive_at_return = probe.count(|p| &p.alive);
        // Give anything still running all the time it could want.
        sleep(Duration::from_secs(3600)).await;
        Run {
            result,
            took,
            alive_at_return,
            probe,
        }
    })
}

#[test]
fn all_successes_come_back_in_the_order_of_the_jobs() {
    // The first job is the slowest, the last the quickest: they finish in reverse.
    let ran = run(&[(3, 10, false), (2, 20, false), (1, 30, false)]);
    assert_eq!(
        ran.result,
        Ok(vec![10, 20, 30]),
        "results must be in the order of `jobs`, not the order they finished in \
         (join_next gives the latter: put each result at its job's index)"
    );
}

#[test]
fn the_jobs_run_at_the_same_time() {
    let ran = run(&[(3, 10, false), (2, 20, false), (1, 30, false)]);
    assert_eq!(
        ran.took,
        Duration::from_secs(3),
        "jobs of 3, 2 and 1 s run together take 3 s (6 s means one after the other)"
    );
}

#[test]
fn the_first_failure_returns_at_once() {
    let ran = run(&[(3, 10, false), (1, 20, true), (5, 30, false)]);
    assert_eq!(ran.result, Err("job 20 failed".to_string()));
    assert_eq!(
        ran.took,
        Duration::from_secs(1),
        "job 20 failed at 1 s, and gather_or_cancel returned at {:?}: return as soon as \
         a job fails, without waiting for the slow ones",
        ran.took
    );
}

#[test]
fn the_first_failure_in_time_wins_not_the_first_in_the_list() {
    let ran = run(&[(2, 10, true), (1, 20, true)]);
    assert_eq!(
        ran.result,
        Err("job 20 failed".to_string()),
        "job 20 failed first (at 1 s), job 10 later (at 2 s): return the one that \
         happened first, as TaskGroup does; awaiting the jobs in list order finds job \
         10's error first"
    );
}

#[test]
fn a_failure_cancels_the_other_jobs_and_waits_until_they_stop() {
    let ran = run(&[(3, 10, false), (1, 20, true), (5, 30, false)]);
    assert_eq!(
        ran.alive_at_return, 0,
        "{} job(s) were still alive when gather_or_cancel returned its error. Cancel \
         the others and wait until they have stopped, as TaskGroup waits for its \
         cancelled tasks (`JoinSet::shutdown().await` aborts them *and* waits; a plain \
         drop only asks them to stop)",
        ran.alive_at_return
    );
    assert_eq!(
        ran.probe.count(|p| &p.finished),
        1,
        "only the failing job finished; the others kept running after the error \
         (a spawned task runs on even when its handle is dropped: abort it)"
    );
    assert_eq!(ran.probe.count(|p| &p.cancelled), 2);
}

#[test]
fn a_failure_of_the_slowest_job_comes_after_the_others_succeeded() {
    let ran = run(&[(1, 10, false), (3, 20, true), (2, 30, false)]);
    assert_eq!(ran.result, Err("job 20 failed".to_string()));
    assert_eq!(ran.took, Duration::from_secs(3));
    assert_eq!(
        ran.probe.count(|p| &p.cancelled),
        0,
        "nothing was left to cancel"
    );
}

#[test]
fn no_jobs_is_an_empty_success() {
    let ran = run(&[]);
    assert_eq!(ran.result, Ok(vec![]));
    assert_eq!(ran.took, Duration::ZERO);
}

#[test]
fn dropping_the_group_cancels_every_job() {
    let (finished, cancelled) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let probe = Arc::new(Probe::default());
        let jobs = vec![
            probe.job(1, 10, false),
            probe.job(3, 20, false),
            probe.job(4, 30, false),
        ];
        let gave_up = tokio::time::timeout(Duration::from_secs(2), gather_or_cancel(jobs)).await;
        assert!(gave_up.is_err(), "the group cannot finish in 2 s");
        sleep(Duration::from_secs(3600)).await;
        (probe.count(|p| &p.finished), probe.count(|p| &p.cancelled))
    });
    assert_eq!(
        (finished, cancelled),
        (1, 2),
        "the caller gave up at 2 s: the job of 1 s had finished, the two longer ones \
         should have been cancelled, but {finished} finished. Tasks spawned with \
         tokio::spawn outlive the function that spawned them; a JoinSet's drop aborts them"
    );
}

#[test]
fn a_panicking_job_panics_the_group_with_its_own_message_once_the_others_stopped() {
    let (outcome, alive_at_panic) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let probe = Arc::new(Probe::default());
        let exploding: Job = Box::pin(async {
            sleep(Duration::from_secs(1)).await;
            panic!("job {} exploded", 2)
        });
        let jobs = vec![probe.job(3, 1, false), exploding];
        let mut group = std::pin::pin!(gather_or_cancel(jobs));
        // Poll the group by hand, so that its panic is caught the moment it happens and
        // the probe read at that very moment.
        std::future::poll_fn(|cx| {
            match std::panic::catch_unwind(AssertUnwindSafe(|| group.as_mut().poll(cx))) {
                Ok(Poll::Pending) => Poll::Pending,
                Ok(Poll::Ready(_)) => Poll::Ready((None, 0)),
                Err(payload) => Poll::Ready((Some(payload), probe.count(|p| &p.alive))),
            }
        })
        .await
    });
    let Some(payload) = outcome else {
        panic!(
            "gather_or_cancel returned although a job panicked: carry the panic on with \
             std::panic::resume_unwind(join_error.into_panic()), as TaskGroup re-raises"
        )
    };
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    let why = if message.contains("job 2 exploded") {
        "the job's message is in there, wrapped in another panic's: `unwrap()` or \
         `expect()` on the `JoinError` panics anew, with the error's Debug text. \
         `std::panic::resume_unwind(error.into_panic())` carries on the job's own panic, \
         unchanged, as TaskGroup re-raises the task's own exception"
    } else {
        "carry on the job's own panic with \
         `std::panic::resume_unwind(join_error.into_panic())`"
    };
    assert_eq!(
        message, "job 2 exploded",
        "gather_or_cancel should panic with the job's own panic, exactly: {why}"
    );
    assert_eq!(
        alive_at_panic, 0,
        "the panic left gather_or_cancel while the other job was still alive. Before \
         carrying the panic on, cancel the other jobs and wait until they have stopped \
         (`shutdown().await`), as for an error: TaskGroup re-raises only once its other \
         tasks are done. (Panicking out of the function drops the set, which only asks \
         them to stop.)"
    );
}
