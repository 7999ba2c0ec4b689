//! The tests of the chapter 4 exercises. The solutions crate runs this same file, so
//! what passes there is exactly what you are asked for here.

use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

/// Long enough for any honest answer; a task that waits forever is stopped here.
const LIMIT: Duration = watchdog::LIMIT;

mod off_the_runtime {
    use super::*;
    use crate::off_the_runtime::{CallFailed, off_the_runtime};
    use std::sync::mpsc;

    /// Run `body` on a one-thread runtime with the real clock, under the watchdog.
    fn on_runtime<T: Send + 'static>(body: impl Future<Output = T> + Send + 'static) -> T {
        watchdog::within(
            LIMIT,
            "Your off_the_runtime never finished. Does it await the blocking call's result?",
            move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_time()
                    .build()
                    .unwrap()
                    .block_on(body)
            },
        )
    }

    #[test]
    fn returns_what_the_call_returns() {
        assert_eq!(on_runtime(off_the_runtime(|| 6 * 7)), Ok(42));
        assert_eq!(
            on_runtime(off_the_runtime(|| "a string".to_string())),
            Ok("a string".to_string())
        );
    }

    // The real clock, briefly: a blocking call takes real time, which the paused
    // clock does not see. The call waits (blocking) for three ticks of a ticker task
    // that ticks every 5ms; it can only get them if the runtime's thread is free.
    #[test]
    fn the_ticker_keeps_ticking_while_the_call_blocks() {
        let seen = on_runtime(async {
            let (tick, ticks) = mpsc::channel();
            tokio::spawn(async move {
                for n in 1.. {
                    sleep(Duration::from_millis(5)).await;
                    if tick.send(n).is_err() {
                        break;
                    }
                }
            });
            off_the_runtime(move || {
                let until = std::time::Instant::now() + Duration::from_secs(1);
                (0..3)
                    .take_while(|_| {
                        let left = until.saturating_duration_since(std::time::Instant::now());
                        ticks.recv_timeout(left).is_ok()
                    })
                    .count()
            })
            .await
        });
        assert_eq!(
            seen,
            Ok(3),
            "no tick arrived while the call ran: it is still blocking the runtime's \
             thread, where the ticker needs to run"
        );
    }

    #[test]
    fn a_panicking_call_becomes_an_error_with_its_message() {
        let fixed = on_runtime(off_the_runtime(|| -> u32 { panic!("the disk is full") }));
        assert_eq!(
            fixed,
            Err(CallFailed::Panicked("the disk is full".to_string())),
            "a panic!(\"literal\") carries a &str"
        );
        let formatted = on_runtime(off_the_runtime(|| -> u32 { panic!("disk {} is full", 2) }));
        assert_eq!(
            formatted,
            Err(CallFailed::Panicked("disk 2 is full".to_string())),
            "a panic! with arguments carries a String"
        );
    }
}

mod deadline {
    use super::*;
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

    #[test]
    fn stops_the_work_at_the_deadline_and_reports_the_steps_it_finished() {
        let (report, took) = timed(Duration::from_millis(2500), three_steps);
        assert_eq!(
            report,
            Report {
                finished: names(&["a", "b"]),
                outcome: Outcome::Cancelled
            },
            "a and b end at 1s and 2s; c would end at 3s, after the deadline"
        );
        assert_eq!(
            took,
            Duration::from_millis(2500),
            "it returns at the deadline"
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
            }
        );
        assert_eq!(
            took,
            Duration::from_secs(3),
            "the work ended at 3s: no need to wait for the 10s deadline"
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
            "the task was still running after the deadline: abort it"
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
            }
        );
        assert_eq!(took, Duration::from_secs(1));
    }
}

mod fan_out {
    use super::*;
    use crate::fan_out::fan_out;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    /// Counts the jobs running right now, and the most that ever ran at once.
    #[derive(Default)]
    struct Gauge {
        now: AtomicUsize,
        peak: AtomicUsize,
    }

    impl Gauge {
        /// A job that counts itself in, takes `secs` seconds, counts itself out and
        /// returns `value`.
        fn job(self: &Arc<Self>, secs: u64, value: usize) -> impl Future<Output = usize> + use<> {
            let gauge = Arc::clone(self);
            async move {
                let running = gauge.now.fetch_add(1, Ordering::SeqCst) + 1;
                gauge.peak.fetch_max(running, Ordering::SeqCst);
                sleep(Duration::from_secs(secs)).await;
                gauge.now.fetch_sub(1, Ordering::SeqCst);
                value
            }
        }

        fn peak(&self) -> usize {
            self.peak.load(Ordering::SeqCst)
        }
    }

    const HANG: &str = "fan_out never returned. Is every permit given back when its job \
                        ends, and does the loop over join_next stop when the set is empty? \
                        (With limit 0, a Semaphore with no permits never lets a job start.)";

    /// `n` one-second jobs, `limit` at a time: (results, peak running, time taken).
    fn one_second_jobs(n: usize, limit: usize) -> (Vec<usize>, usize, Duration) {
        watchdog::paused(LIMIT, HANG, move || async move {
            let gauge = Arc::new(Gauge::default());
            let jobs = (0..n).map(|i| gauge.job(1, i)).collect();
            let start = Instant::now();
            let results = fan_out(jobs, limit).await.unwrap();
            (results, gauge.peak(), start.elapsed())
        })
    }

    #[test]
    fn ten_one_second_jobs_three_at_a_time_take_four_seconds() {
        let (_, _, took) = one_second_jobs(10, 3);
        assert_eq!(
            took,
            Duration::from_secs(4),
            "3 + 3 + 3 + 1 jobs: four rounds of one second"
        );
    }

    #[test]
    fn exactly_limit_jobs_run_at_the_busiest_moment() {
        let (_, peak, _) = one_second_jobs(10, 3);
        assert_eq!(
            peak, 3,
            "never more than the limit, and the limit is used: up to 3 run together"
        );
    }

    #[test]
    fn results_come_back_in_the_order_of_the_jobs() {
        let results = watchdog::paused(LIMIT, HANG, || async {
            let gauge = Arc::new(Gauge::default());
            // The first job is the slowest, so the jobs finish in reverse order.
            let jobs = (0..5).map(|i| gauge.job(5 - i as u64, i * 10)).collect();
            fan_out(jobs, 5).await.unwrap()
        });
        assert_eq!(
            results,
            [0, 10, 20, 30, 40],
            "join_next gives them in the order they finish; put each in its place"
        );
    }

    #[test]
    fn a_limit_of_zero_runs_the_jobs_one_at_a_time() {
        let (results, peak, took) = one_second_jobs(3, 0);
        assert_eq!(results, [0, 1, 2]);
        assert_eq!((peak, took), (1, Duration::from_secs(3)));
    }

    /// A job that panics after a second.
    async fn failing_job() -> u32 {
        sleep(Duration::from_secs(1)).await;
        panic!("job 0 failed")
    }

    #[test]
    fn a_panicking_job_returns_its_error_at_once_and_the_others_are_aborted() {
        let (panicked, took, others_finished) = watchdog::paused(LIMIT, HANG, || async {
            let finished = Arc::new(AtomicBool::new(false));
            let mut jobs: Vec<std::pin::Pin<Box<dyn Future<Output = u32> + Send>>> =
                vec![Box::pin(failing_job())];
            for _ in 0..3 {
                let finished = Arc::clone(&finished);
                jobs.push(Box::pin(async move {
                    sleep(Duration::from_secs(10)).await;
                    finished.store(true, Ordering::SeqCst);
                    1
                }));
            }
            let start = Instant::now();
            let result = fan_out(jobs, 4).await;
            let took = start.elapsed();
            // Well past the 10s jobs: had they not been aborted, they would be done.
            sleep(Duration::from_secs(20)).await;
            (
                result.map_err(|e| e.is_panic()),
                took,
                finished.load(Ordering::SeqCst),
            )
        });
        assert_eq!(panicked, Err(true), "the job's JoinError, which is a panic");
        assert_eq!(
            took,
            Duration::from_secs(1),
            "return when the panic comes back, without waiting for the 10s jobs"
        );
        assert!(
            !others_finished,
            "the other jobs kept running: dropping the JoinSet aborts them"
        );
    }
}
