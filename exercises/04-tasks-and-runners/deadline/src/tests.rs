//! The tests of the `deadline` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

/// Paused-clock tests take milliseconds, the race rounds a few each: two seconds
/// leave a slow machine room and keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

use crate::deadline::{Outcome, Progress, Report, run_until};
use std::sync::{Arc, Mutex};

/// Three steps of one second each: "a", "b", "c".
async fn three_steps(progress: Progress) {
    for step in ["a", "b", "c"] {
        sleep(Duration::from_secs(1)).await;
        progress.done(step);
    }
}

/// Run `run_until` on the paused clock; return its report and when it returned.
#[track_caller]
fn timed<F, Fut>(deadline: Duration, work: F) -> (Report, Duration)
where
    F: FnOnce(Progress) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    watchdog::paused(
        LIMIT,
        "run_until never returned. Does it wait for the task when the deadline \
         has passed? Race the handle against a sleep (select! or timeout).",
        move || async move {
            let start = Instant::now();
            let report = run_until(deadline, work).await;
            (report, start.elapsed())
        },
    )
}

fn names(steps: &[&str]) -> Vec<String> {
    steps.iter().map(|s| s.to_string()).collect()
}

/// The multi-thread runtime the race tests run on: two workers, so that a step can
/// be under way on one while the deadline fires on the other.
fn two_workers() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
}

#[test]
fn stops_the_work_at_the_deadline_and_reports_the_steps_it_finished() {
    let (report, took) = timed(Duration::from_millis(2500), three_steps);
    assert_eq!(
        report,
        Report {
            finished: names(&["a", "b"]),
            outcome: Outcome::Cancelled
        },
        "expected a and b finished (at 1 s and 2 s) and the outcome Cancelled: c would \
         end at 3 s, after the 2.5 s deadline"
    );
    assert_eq!(
        took,
        Duration::from_millis(2500),
        "expected run_until to return at the 2.5 s deadline, got {took:?}"
    );
}

#[test]
fn work_that_beats_the_deadline_finishes_and_returns_at_once() {
    let (report, took) = timed(Duration::from_secs(10), three_steps);
    assert_eq!(
        report,
        Report {
            finished: names(&["a", "b", "c"]),
            outcome: Outcome::Finished
        },
        "the work beat the deadline: every step, and Finished"
    );
    assert_eq!(
        took,
        Duration::from_secs(3),
        "expected 3 s, got {took:?}: the work ended at 3 s, so there is no need to \
         wait for the 10 s deadline (race the two; do not sleep out the deadline)"
    );
}

#[test]
fn the_cancelled_work_never_finishes_another_step() {
    let after = watchdog::paused(
        LIMIT,
        "run_until never returned. Does it wait for the task after the deadline?",
        || async {
            let seen: Arc<Mutex<Option<Progress>>> = Arc::default();
            let keep = Arc::clone(&seen);
            run_until(Duration::from_millis(2500), move |progress| {
                *keep.lock().unwrap() = Some(progress.clone());
                three_steps(progress)
            })
            .await;
            // Long after the deadline: a task that was not cancelled would have
            // finished "c" by now.
            sleep(Duration::from_secs(10)).await;
            let progress = seen.lock().unwrap().clone();
            progress.map(|p| p.finished())
        },
    );
    assert_eq!(
        after,
        Some(names(&["a", "b"])),
        "expected only a and b, even 10 s later: the task went on after the deadline \
         and finished c. Abort it; and keep the handle to do so (`timeout(deadline, \
         handle)` takes it by value and drops it at the deadline, which only detaches \
         the task)"
    );
}

#[test]
fn work_that_panics_is_reported_as_panicked_with_the_steps_before_it() {
    let (report, took) = timed(Duration::from_secs(10), |progress: Progress| async move {
        sleep(Duration::from_secs(1)).await;
        progress.done("a");
        panic!("step b failed");
    });
    assert_eq!(
        report,
        Report {
            finished: names(&["a"]),
            outcome: Outcome::Panicked
        },
        "expected a, then Panicked: a JoinError says which it was (is_panic, \
         is_cancelled), and a panic is not a cancellation"
    );
    assert_eq!(
        took,
        Duration::from_secs(1),
        "the panic ended the work at 1 s"
    );
}

#[test]
fn on_a_multi_thread_runtime_the_work_has_really_stopped_when_run_until_returns() {
    // The work runs on another thread, one step per poll, each step taking a moment
    // of real CPU time, so that at the deadline it is usually in the middle of one.
    // `abort` only asks: a task in the middle of a poll finishes that poll first.
    async fn busy_steps(progress: Progress) {
        for step in 0.. {
            let until = std::time::Instant::now() + Duration::from_micros(200);
            while std::time::Instant::now() < until {
                std::hint::spin_loop();
            }
            progress.done(&step.to_string());
            tokio::task::yield_now().await;
        }
    }

    let late = watchdog::on_runtime(
        LIMIT,
        "run_until never returned on the multi-thread runtime",
        two_workers,
        || async {
            let mut late = Vec::new();
            for round in 0..20 {
                let seen: Arc<Mutex<Option<Progress>>> = Arc::default();
                let keep = Arc::clone(&seen);
                let report = run_until(Duration::from_millis(3), move |progress| {
                    *keep.lock().unwrap() = Some(progress.clone());
                    busy_steps(progress)
                })
                .await;
                sleep(Duration::from_millis(2)).await;
                let after = seen.lock().unwrap().clone().map(|p| p.finished().len());
                if after != Some(report.finished.len()) {
                    late.push((round, report.finished.len(), after));
                }
            }
            late
        },
    );
    assert_eq!(
        late,
        [],
        "expected the steps reported to be all the steps, ever; in these rounds \
         (round, steps reported, steps later) the task finished a step after \
         run_until had read the progress. abort() only asks the task to stop at its \
         next .await: await the handle after aborting, so it has surely stopped"
    );
}

#[test]
fn work_that_ends_between_the_deadline_and_the_abort_is_reported_finished() {
    // One long step of real CPU time, with no `.await` inside: a task stops only at
    // an `.await`, so once this step has started, abort() cannot stop it. At the
    // deadline the work is (usually) in the middle of it, and it runs to its end
    // after the deadline: the work has *finished*, and its handle says Ok(()).
    async fn one_long_step(progress: Progress) {
        progress.done("start");
        let until = std::time::Instant::now() + Duration::from_millis(40);
        while std::time::Instant::now() < until {
            std::hint::spin_loop();
        }
        progress.done("end");
    }

    let reports = watchdog::on_runtime(
        watchdog::LIMIT,
        "run_until never returned on the multi-thread runtime",
        two_workers,
        || async {
            let mut reports = Vec::new();
            for _ in 0..5 {
                reports.push(run_until(Duration::from_millis(5), one_long_step).await);
            }
            reports
        },
    );
    // A work that never started before the abort is rightly Cancelled, with nothing
    // finished; one that finished its step must not be.
    let misreported: Vec<(usize, Vec<String>)> = reports
        .iter()
        .enumerate()
        .filter(|(_, report)| report.outcome == Outcome::Cancelled && !report.finished.is_empty())
        .map(|(round, report)| (round, report.finished.clone()))
        .collect();
    assert_eq!(
        misreported,
        [],
        "in these rounds (round, steps finished) the work finished its one long step \
         after the deadline (abort() cannot stop a task in the middle of a poll), yet \
         the report says Cancelled. After the abort, what awaiting the handle gives is \
         the truth: Ok(()) means the work finished, whatever the clock said. Take the \
         outcome from that result, not from the deadline having passed"
    );
}
