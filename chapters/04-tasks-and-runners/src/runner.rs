//! Runners: `asyncio.run` and `asyncio.Runner`, as a tokio `Runtime`.
//!
//! The notes: "runners are built on top of an event loop with the aim to simplify
//! async code usage", and `asyncio.Runner` "simplifies multiple async function calls
//! in the same context". Tokio splits the same job in two:
//!
//! - a [`Runtime`], built with a [`Builder`], is the loop (a scheduler, a timer, IO);
//! - `runtime.block_on(future)` is `runner.run(coro)`: it runs the future on the
//!   calling thread until it finishes, driving the runtime's tasks meanwhile.
//!
//! Call `block_on` as often as you like on one runtime, and what the calls create
//! (tasks, timers, connections) lives on between them: [`two_runs`]. And
//! `#[tokio::main]` is `asyncio.run`: it builds a runtime, `block_on`s the body once,
//! and drops the runtime with every task still in it: [`answer`] and
//! [`answer_expanded`].
//!
//! [`Builder`]: tokio::runtime::Builder

use std::sync::Arc;
use std::time::Duration;

use course_kit::Timeline;
use tokio::runtime::{Builder, Runtime};
use tokio::time::sleep;

/// Say `tick 1`, `tick 2`, ... every `period`, forever.
pub async fn ticker(timeline: Timeline, period: Duration) {
    for n in 1.. {
        sleep(period).await;
        timeline.say("ticker", format!("tick {n}"));
    }
}

// ANCHOR: two_runs
/// `with asyncio.Runner() as runner: runner.run(first()); runner.run(second())`:
/// two `block_on` calls on one runtime, with `pause` of ordinary, blocking time
/// between them. The ticker spawned in the first call is still there in the second.
pub fn two_runs(runtime: &Runtime, timeline: &Timeline, pause: Duration) {
    // Clippy expects an awaitable returned from `async` to be a mistake; here the
    // handle is the point: the task outlives this call, owned by the runtime.
    #[allow(clippy::async_yields_async)]
    let ticker = runtime.block_on(async {
        timeline.say("main", "run 1: spawn a ticker, sleep 2.5s");
        let ticker = tokio::spawn(ticker(timeline.clone(), Duration::from_secs(1)));
        sleep(Duration::from_millis(2500)).await;
        ticker
    });

    timeline.say("main", "between the runs: no block_on");
    std::thread::sleep(pause);

    runtime.block_on(async {
        timeline.say("main", "run 2: sleep 1.8s");
        sleep(Duration::from_millis(1800)).await;
    });
    timeline.say("main", "done");
    ticker.abort();
}
// ANCHOR_END: two_runs

// ANCHOR: builders
/// The runtime `asyncio.Runner` is closest to: one thread, which runs tasks only
/// while some `block_on` is in progress.
pub fn current_thread_runtime() -> std::io::Result<Runtime> {
    Builder::new_current_thread().enable_all().build()
}

/// The runtime `#[tokio::main]` builds by default: worker threads that run the
/// tasks whether or not anyone is in `block_on`.
pub fn multi_thread_runtime(workers: usize) -> std::io::Result<Runtime> {
    Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
}
// ANCHOR_END: builders

// ANCHOR: tokio_main
/// `asyncio.run(answer())`, the attribute way: `#[tokio::main]` turns this `async fn`
/// into a plain `fn` that builds a runtime, runs the body on it, and drops it.
#[tokio::main(flavor = "current_thread")]
pub async fn answer() -> u32 {
    sleep(Duration::from_millis(10)).await;
    42
}

/// What the attribute writes for `answer` (tokio-macros 2.7, tidied): the body as
/// an `async` block, and a runtime built to `block_on` it. Plain `#[tokio::main]`
/// writes `new_multi_thread()` where this has `new_current_thread()`.
pub fn answer_expanded() -> u32 {
    let body = async {
        sleep(Duration::from_millis(10)).await;
        42
    };
    Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("Failed building the Runtime")
        .block_on(body)
}
// ANCHOR_END: tokio_main

// ANCHOR: run_drops_tasks
/// Spawn a task that would hold `token` for an hour, and return at once. When a
/// `#[tokio::main]` function returns, its runtime is dropped, and with it every task
/// still in it: the token comes back. (`asyncio.run` cancels them
/// instead, and lets their `except`/`finally` blocks run, awaits included.)
#[tokio::main(flavor = "current_thread")]
pub async fn spawn_and_return(token: Arc<()>) {
    tokio::spawn(async move {
        sleep(Duration::from_secs(3600)).await;
        drop(token);
    });
}
// ANCHOR_END: run_drops_tasks

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn paused_runtime() -> Runtime {
        Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap()
    }

    #[test]
    fn a_task_spawned_in_one_block_on_keeps_ticking_in_the_next() {
        let runtime = paused_runtime();
        // Start the timeline on the runtime's paused clock, so that stamps are exact.
        let timeline = {
            let _inside = runtime.enter();
            Timeline::quiet()
        };
        two_runs(&runtime, &timeline, Duration::ZERO);
        let ticks: Vec<_> = (1..=4)
            .map(|n| timeline.when("ticker", &format!("tick {n}")))
            .collect();
        let seconds = |s| Some(Duration::from_secs(s));
        assert_eq!(
            ticks,
            [seconds(1), seconds(2), seconds(3), seconds(4)],
            "ticks 1-2 in run 1 (to 2.5s), ticks 3-4 in run 2 (to 4.3s)"
        );
        assert_eq!(timeline.when("ticker", "tick 5"), None);
    }

    #[test]
    fn on_a_current_thread_runtime_no_task_runs_between_block_on_calls() {
        let runtime = current_thread_runtime().unwrap();
        let (tx, rx) = mpsc::channel();
        runtime.spawn(async move { tx.send("ran").unwrap() });
        assert!(
            rx.recv_timeout(Duration::from_millis(50)).is_err(),
            "nothing drives the runtime's one thread outside block_on"
        );
        runtime.block_on(tokio::task::yield_now());
        assert_eq!(rx.try_recv(), Ok("ran"), "the next block_on ran it");
    }

    #[test]
    fn on_a_multi_thread_runtime_tasks_run_without_any_block_on() {
        let runtime = multi_thread_runtime(1).unwrap();
        let (tx, rx) = mpsc::channel();
        runtime.spawn(async move { tx.send("ran").unwrap() });
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(5)),
            Ok("ran"),
            "a worker thread ran it"
        );
    }

    #[test]
    fn tokio_main_and_its_expansion_give_the_same_answer() {
        assert_eq!(answer(), 42);
        assert_eq!(answer_expanded(), 42);
    }

    #[test]
    fn returning_from_a_tokio_main_function_drops_the_tasks_still_running() {
        let token = Arc::new(());
        spawn_and_return(Arc::clone(&token));
        assert_eq!(
            Arc::strong_count(&token),
            1,
            "the hour-long task was dropped with its runtime"
        );
    }
}
