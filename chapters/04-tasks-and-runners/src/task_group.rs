//! `JoinSet` is not `TaskGroup`: asyncio's three behaviours, and the tokio for each.
//!
//! `async with asyncio.TaskGroup() as group:` does three things that a `JoinSet` does
//! not do by itself:
//!
//! 1. Leaving the block normally *waits* for every task. A `JoinSet` that goes out of
//!    scope waits for nothing: its `Drop` aborts each task and returns. The Rust for
//!    "wait" is a `join_next` loop until the set is empty ([`wait_for_every_task`]).
//! 2. When the body raises (or the task running it is cancelled), the group cancels
//!    its tasks *and waits for them to stop*. The Rust is `set.shutdown().await`:
//!    `abort_all`, then `join_next` until the set is empty ([`when_the_body_fails`]).
//!    Dropping the set instead aborts them without waiting. On a current-thread
//!    runtime their cleanup has not run when `drop` returns; on a multi-thread runtime
//!    a task being polled on another worker runs on until its next `.await` returns
//!    `Pending` (the tests below show both).
//! 3. When a task raises, the group cancels the others and raises an `ExceptionGroup`
//!    of every failure. `tokio::try_join!` gives the first half: the first `Err` drops
//!    the other futures (they are parts of this task, not tasks) and is returned
//!    ([`first_failure_drops_the_rest`]). Rust hands back that one error, not a group.
//!
//! In every case a stopped job sees only `Drop`, where a cancelled asyncio task sees
//! `CancelledError` and may `await` in its `except` and `finally` blocks.

use std::time::Duration;

use course_kit::Timeline;
use tokio::task::JoinSet;
use tokio::time::sleep;

// ANCHOR: job
/// A job's cleanup. `Drop` runs however the job ends: when it returns, or when it is
/// dropped at an `.await` (aborted, or dropped by `try_join!`). It cannot `.await`.
struct Cleanup {
    timeline: Timeline,
    name: &'static str,
    returned: bool,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let how = if self.returned {
            "returned"
        } else {
            "stopped at its .await"
        };
        self.timeline.say(self.name, format!("cleanup ({how})"));
    }
}

/// A job that takes `ms` milliseconds, then succeeds or fails.
pub async fn job(
    timeline: Timeline,
    name: &'static str,
    ms: u64,
    fails: bool,
) -> anyhow::Result<&'static str> {
    let mut cleanup = Cleanup {
        timeline,
        name,
        returned: false,
    };
    sleep(Duration::from_millis(ms)).await;
    cleanup.returned = true;
    if fails {
        cleanup.timeline.say(name, "fails");
        anyhow::bail!("{name} failed");
    }
    cleanup.timeline.say(name, "done");
    Ok(name)
}
// ANCHOR_END: job

// ANCHOR: wait_for_every_task
/// Behaviour 1, leaving the block: wait until the set is empty, as `__aexit__` waits
/// for every task of the group.
pub async fn wait_for_every_task(timeline: &Timeline) -> anyhow::Result<Vec<&'static str>> {
    let mut set = JoinSet::new();
    set.spawn(job(timeline.clone(), "a", 1000, false));
    set.spawn(job(timeline.clone(), "b", 500, false));
    let mut done = Vec::new();
    while let Some(result) = set.join_next().await {
        done.push(result??);
    }
    timeline.say("main", "every task is done");
    Ok(done)
}
// ANCHOR_END: wait_for_every_task

/// How [`when_the_body_fails`] stops the tasks still in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// `drop(set)`: abort them, and return at once.
    Drop,
    /// `set.shutdown().await`: abort them, and wait until they have stopped.
    Shutdown,
}

// ANCHOR: when_the_body_fails
/// Behaviour 2: the body fails while a task runs. `TaskGroup` cancels the task and
/// waits for it; so does `shutdown().await`. A dropped set only aborts.
pub async fn when_the_body_fails(timeline: &Timeline, stop: Stop) -> anyhow::Result<()> {
    let mut set = JoinSet::new();
    set.spawn(job(timeline.clone(), "c", 1000, false));
    // The body of the `async with`: it fails half-way through the task's second.
    let body: anyhow::Result<()> = async {
        sleep(Duration::from_millis(500)).await;
        anyhow::bail!("the body failed")
    }
    .await;
    if let Err(error) = body {
        match stop {
            Stop::Drop => {
                timeline.say("main", format!("{error}: drop(set)"));
                drop(set);
                timeline.say("main", "drop(set) returned");
            }
            Stop::Shutdown => {
                timeline.say("main", format!("{error}: set.shutdown().await"));
                set.shutdown().await;
                timeline.say("main", "shutdown returned");
            }
        }
        return Err(error);
    }
    Ok(())
}
// ANCHOR_END: when_the_body_fails

// ANCHOR: first_failure
/// Behaviour 3: a job fails. `try_join!` returns its error at once and drops the
/// other future; a `TaskGroup` would cancel the other task and raise a group.
pub async fn first_failure_drops_the_rest(timeline: &Timeline) -> anyhow::Result<()> {
    let both = tokio::try_join!(
        job(timeline.clone(), "d", 1000, true),
        job(timeline.clone(), "e", 2000, false),
    );
    match &both {
        Ok(_) => timeline.say("main", "try_join!: both succeeded"),
        Err(error) => timeline.say("main", format!("try_join! returned the error: {error}")),
    }
    both.map(|_| ())
}
// ANCHOR_END: first_failure

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Where `what` (the start of an event's text) happened on `lane`, in the order
    /// of the timeline.
    fn position(timeline: &Timeline, lane: &str, what: &str) -> usize {
        timeline
            .events()
            .iter()
            .position(|e| e.lane == lane && e.what.starts_with(what))
            .unwrap_or_else(|| panic!("no `{lane}: {what}` in {:?}", timeline.events()))
    }

    #[tokio::test(start_paused = true)]
    async fn a_join_next_loop_waits_for_every_task_as_leaving_a_task_group_does() {
        let timeline = Timeline::quiet();
        let done = wait_for_every_task(&timeline).await.unwrap();
        assert_eq!(done, ["b", "a"], "in the order they finished");
        assert_eq!(
            timeline.when("main", "every task is done"),
            Some(Duration::from_secs(1))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn shutdown_returns_only_once_the_tasks_have_stopped() {
        let timeline = Timeline::quiet();
        let error = when_the_body_fails(&timeline, Stop::Shutdown)
            .await
            .unwrap_err();
        assert_eq!(error.to_string(), "the body failed");
        assert!(
            position(&timeline, "c", "cleanup (stopped")
                < position(&timeline, "main", "shutdown returned"),
            "shutdown() waited for the task's cleanup: {:?}",
            timeline.events()
        );
        assert_eq!(
            timeline.when("c", "cleanup (stopped at its .await)"),
            Some(Duration::from_millis(500))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_the_set_returns_before_the_tasks_have_stopped() {
        let timeline = Timeline::quiet();
        when_the_body_fails(&timeline, Stop::Drop)
            .await
            .unwrap_err();
        // The abort is only a request: on this one thread the task is dropped the
        // next time the runtime runs it, after `drop(set)` has returned.
        tokio::task::yield_now().await;
        assert!(
            position(&timeline, "main", "drop(set) returned")
                < position(&timeline, "c", "cleanup (stopped"),
            "drop(set) did not wait: {:?}",
            timeline.events()
        );
        assert_eq!(timeline.when("c", "done"), None, "the task never finished");
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_returns_the_first_error_and_drops_the_other_future() {
        let timeline = Timeline::quiet();
        let error = first_failure_drops_the_rest(&timeline).await.unwrap_err();
        assert_eq!(error.to_string(), "d failed");
        assert_eq!(
            timeline.when("e", "cleanup (stopped at its .await)"),
            Some(Duration::from_secs(1)),
            "e was dropped when d failed, a second before it would have finished"
        );
        assert_eq!(timeline.when("e", "done"), None);
    }

    /// A task that holds its worker thread without an `.await` until `release`, then
    /// says so on `said` and yields: the first place an abort can stop it.
    async fn busy_task(
        started: mpsc::Sender<()>,
        release: mpsc::Receiver<()>,
        said: mpsc::Sender<&'static str>,
    ) {
        let _ = started.send(());
        // Stands for a long computation: the worker is busy, nobody can stop it.
        let _ = release.recv();
        let _ = said.send("ran on after the abort");
        tokio::task::yield_now().await;
        let _ = said.send("got past the .await");
    }

    const WAIT: Duration = Duration::from_secs(10);

    #[test]
    fn on_a_multi_thread_runtime_a_dropped_set_does_not_wait_for_a_busy_task() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap();
        let _inside = runtime.enter();
        let (started_tx, started) = mpsc::channel();
        let (release, release_rx) = mpsc::channel();
        let (said_tx, said) = mpsc::channel();
        let mut set = JoinSet::new();
        set.spawn(busy_task(started_tx, release_rx, said_tx));
        started.recv_timeout(WAIT).expect("the task starts");

        drop(set); // aborts the task, and returns while it is still busy
        release.send(()).unwrap();

        assert_eq!(
            said.recv_timeout(WAIT),
            Ok("ran on after the abort"),
            "the task outlived its set"
        );
        assert_eq!(
            said.recv_timeout(WAIT),
            Err(mpsc::RecvTimeoutError::Disconnected),
            "the abort stopped the task at its next .await, dropping its sender"
        );
    }

    #[test]
    fn on_a_multi_thread_runtime_shutdown_waits_for_a_busy_task() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap();
        let (started_tx, started) = mpsc::channel();
        let (release, release_rx) = mpsc::channel();
        let (said_tx, said) = mpsc::channel();
        runtime.block_on(async move {
            let mut set = JoinSet::new();
            set.spawn(busy_task(started_tx, release_rx, said_tx));
            tokio::task::spawn_blocking(move || started.recv_timeout(WAIT))
                .await
                .unwrap()
                .expect("the task starts");

            let mut shutdown = std::pin::pin!(set.shutdown());
            let first =
                std::future::poll_fn(|cx| std::task::Poll::Ready(shutdown.as_mut().poll(cx))).await;
            assert!(first.is_pending(), "shutdown waits while the task is busy");
            release.send(()).unwrap();
            shutdown.await;
        });
        // `shutdown` returned, so the task had run on and stopped: both are in.
        assert_eq!(said.try_recv(), Ok("ran on after the abort"));
        assert_eq!(said.try_recv(), Err(mpsc::TryRecvError::Disconnected));
    }
}
