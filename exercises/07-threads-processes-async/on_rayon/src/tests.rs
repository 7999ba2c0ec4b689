//! The tests of the `on_rayon` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! Every test runs on a current-thread runtime: one thread, like Python's event loop.
//! If `on_rayon` keeps that thread busy (running the job itself, or waiting for it),
//! no other task can run, and the tests below notice.

use std::sync::mpsc;
use std::time::Duration;

use course_kit::watchdog;

use crate::on_rayon::on_rayon;

const STALLED: &str = "The job waited for another task of the runtime, and that task never \
     ran: your `on_rayon` kept the runtime's only thread busy. Either the job ran on \
     it (calling `job()` directly), or the thread waited for the job with a blocking \
     call (`std::sync::mpsc::Receiver::recv`, `join`). Send the result through a \
     `tokio::sync::oneshot` channel and `.await` the receiver instead.";

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime needs no OS resources that can run out")
}

#[test]
fn returns_what_the_job_returns() {
    let answer = watchdog::within(watchdog::LIMIT, STALLED, || {
        current_thread().block_on(on_rayon(|| (1..=10u64).map(|n| n * n).sum::<u64>()))
    });
    assert_eq!(answer, 385, "on_rayon must return the job's own result");
}

#[test]
fn the_job_runs_on_a_rayon_thread() {
    let index = watchdog::within(watchdog::LIMIT, STALLED, || {
        current_thread().block_on(on_rayon(rayon::current_thread_index))
    });
    assert!(
        index.is_some(),
        "the job ran outside rayon's pool; `rayon::spawn` (or `rayon::scope`) runs it \
         on one of rayon's threads"
    );
}

#[test]
fn other_tasks_run_while_the_job_works() {
    // The job cannot finish until a second task of the same runtime has run: that is
    // only possible if the runtime's thread is free while the job works.
    let heard = watchdog::within(watchdog::LIMIT, STALLED, || {
        current_thread().block_on(async {
            let (tell_job, job_hears) = mpsc::channel::<&str>();
            let job = on_rayon(move || {
                job_hears
                    .recv_timeout(Duration::from_secs(30))
                    .unwrap_or("the other task never ran")
            });
            let other_task = async move {
                tokio::task::yield_now().await;
                tell_job
                    .send("the other task ran")
                    .expect("the job is listening");
            };
            let (heard, ()) = tokio::join!(job, other_task);
            heard
        })
    });
    assert_eq!(heard, "the other task ran", "{STALLED}");
}

#[test]
fn several_jobs_are_awaited_at_once() {
    // Two jobs that each wait for the other: awaited together with `join!`, they
    // finish only if both are running on rayon at the same time. (Three threads: the
    // runtime itself runs on one of them here, the two jobs on the others.)
    let answers = watchdog::within(watchdog::LIMIT, STALLED, || {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .expect("a small thread pool can always be built");
        pool.install(|| {
            current_thread().block_on(async {
                let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
                let (a, b) = (barrier.clone(), barrier);
                tokio::join!(
                    on_rayon(move || {
                        a.wait();
                        "a"
                    }),
                    on_rayon(move || {
                        b.wait();
                        "b"
                    })
                )
            })
        })
    });
    assert_eq!(answers, ("a", "b"));
}

#[test]
fn a_job_that_panics_makes_on_rayon_panic_with_the_jobs_own_message() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    // A pool of our own, with a panic handler: in rayon's global pool, a `rayon::spawn`
    // job that panics with nobody to catch it aborts the whole test program.
    let reached_rayon = Arc::new(AtomicBool::new(false));
    let noted = Arc::clone(&reached_rayon);
    let outcome = watchdog::within(watchdog::LIMIT, STALLED, move || {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .panic_handler(move |_| noted.store(true, Ordering::SeqCst))
            .build()
            .expect("a small thread pool can always be built");
        pool.install(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                current_thread().block_on(on_rayon(|| -> u32 { panic!("the job exploded") }))
            }))
        })
    });
    let Err(payload) = outcome else {
        panic!("the job panicked, and on_rayon returned a value all the same")
    };
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    let why = if reached_rayon.load(Ordering::SeqCst) {
        "the job's panic went to rayon's panic handler (in rayon's global pool, that \
         aborts the whole program), and on_rayon only saw a channel closed without an \
         answer. Catch the panic inside the closure you give `rayon::spawn` \
         (`std::panic::catch_unwind`), send it like a result, and panic with it in \
         `on_rayon` (`std::panic::resume_unwind`)"
    } else {
        "carry the job's own panic on, unchanged (`std::panic::resume_unwind` of what \
         `catch_unwind` caught), as `await run_in_executor(...)` re-raises the job's \
         own exception"
    };
    assert_eq!(
        message, "the job exploded",
        "on_rayon should panic with the job's own message: {why}"
    );
}
