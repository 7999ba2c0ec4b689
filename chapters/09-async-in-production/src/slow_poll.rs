//! asyncio's debug mode, rebuilt: a slow-poll detector that names the culprit.
//!
//! With `asyncio.run(main(), debug=True)`, asyncio times every step of every task and
//! logs the slow ones: `Executing <Task ... coro=<report()>> took 0.201 seconds`. A
//! step that long is a blocking call (a `time.sleep`, a big computation) holding the
//! loop, and the log names the task that did it.
//!
//! Tokio has no debug mode; its per-poll hooks need `tokio_unstable`. But a task's
//! steps are its polls, and a future can wrap another: [`Watched`] times each call to
//! the inner future's `poll` and reports any that took longer than a threshold. The
//! time a task spends *waiting* (between polls) is not counted: waiting is what async
//! code is meant to do; it is a long *poll* that stops everything else.
//!
//! On stable tokio, `tokio-metrics`' `TaskMonitor` does the same counting for any
//! number of tasks ([`monitored`]), without names.
//!
//! The other half of debug mode, "coroutine was never awaited", is only half covered
//! in Rust. The lint `unused_must_use` catches a future discarded on the spot:
//!
//! ```compile_fail
//! #![deny(unused_must_use)]
//! async fn fetch() -> u32 {
//!     1
//! }
//! fn main() {
//!     fetch(); // a future, dropped unpolled: the lint fires
//! }
//! ```
//!
//! but not one given a name, or put in a collection, and never awaited:
//!
//! ```
//! #![deny(unused_must_use)]
//! async fn fetch() -> u32 {
//!     1
//! }
//! fn main() {
//!     let pending = fetch(); // never awaited, and no lint says so
//!     let forgotten = vec![fetch(), fetch()];
//!     drop((pending, forgotten));
//! }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// Where a watched future reads the time. [`SystemClock`] in real use; tests use a
/// clock they move by hand, since a poll's real duration on a busy machine is not
/// exact, and a detector's threshold is a comparison with exactly that.
pub trait Clock {
    fn now(&self) -> Duration;
}

/// The machine's monotonic clock. Not tokio's: a blocked thread stops tokio's paused
/// clock, but not the real one, and it is the real one a blocking call burns.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock(Instant);

impl SystemClock {
    pub fn new() -> SystemClock {
        SystemClock(Instant::now())
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

/// One poll that took too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlowPoll {
    pub task: String,
    /// Which poll of the task it was, counting from 1.
    pub poll: u32,
    pub took: Duration,
}

impl std::fmt::Display for SlowPoll {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let seconds = self.took.as_secs_f64();
        write!(
            f,
            "Executing <Task name='{}'> took {seconds:.3}s",
            self.task
        )?;
        write!(f, " (poll {})", self.poll)
    }
}

/// The slow polls seen so far, shared by every task that reports into it.
#[derive(Debug, Clone, Default)]
pub struct Reports(Arc<Mutex<Vec<SlowPoll>>>);

impl Reports {
    pub fn list(&self) -> Vec<SlowPoll> {
        self.0.lock().map(|list| list.clone()).unwrap_or_default()
    }

    fn add(&self, slow: SlowPoll) {
        // Log it as it happens, as asyncio does, and keep it for whoever asks later.
        tracing::warn!("{slow}");
        if let Ok(mut list) = self.0.lock() {
            list.push(slow);
        }
    }
}

// ANCHOR: watched
/// A future that times each poll of the future inside it.
pub struct Watched<F, C> {
    task: String,
    inner: Pin<Box<F>>,
    clock: C,
    threshold: Duration,
    polls: u32,
    reports: Reports,
}

impl<F: Future, C: Clock + Unpin> Future for Watched<F, C> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // Every field is Unpin (the inner future is boxed), so plain `&mut` is fine:
        // no `unsafe`, no pin projection.
        let this = self.get_mut();
        this.polls += 1;
        let started = this.clock.now();
        // The same `cx`, so the inner future's waker is the task's own waker.
        let result = this.inner.as_mut().poll(cx);
        let took = this.clock.now().saturating_sub(started);
        if took > this.threshold {
            this.reports.add(SlowPoll {
                task: this.task.clone(),
                poll: this.polls,
                took,
            });
        }
        result
    }
}
// ANCHOR_END: watched

impl<F, C> Watched<F, C> {
    /// How many times the inner future has been polled.
    pub fn polls(&self) -> u32 {
        self.polls
    }
}

// ANCHOR: watch
/// Wrap `future` so that every poll longer than `threshold` is reported as `task`'s.
pub fn watch<F, C>(
    task: &str,
    future: F,
    clock: C,
    threshold: Duration,
    reports: &Reports,
) -> Watched<F, C>
where
    F: Future,
    C: Clock,
{
    Watched {
        task: task.to_string(),
        inner: Box::pin(future),
        clock,
        threshold,
        polls: 0,
        reports: reports.clone(),
    }
}

/// asyncio's default for `loop.slow_callback_duration`.
pub const ASYNCIO_THRESHOLD: Duration = Duration::from_millis(100);

/// `tokio::spawn`, with the task's polls watched on the real clock.
pub fn spawn_watched<F>(
    task: &str,
    future: F,
    reports: &Reports,
) -> tokio::task::JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    tokio::spawn(watch(
        task,
        future,
        SystemClock::new(),
        ASYNCIO_THRESHOLD,
        reports,
    ))
}
// ANCHOR_END: watch

// ANCHOR: task_monitor
/// The same question asked of `tokio-metrics` on stable tokio: a `TaskMonitor` wraps
/// the futures it is given (as [`Watched`] does) and counts their polls, the slow
/// ones (longer than `threshold`) apart. Run `future` under one, and report.
pub async fn monitored<F: Future>(threshold: Duration, future: F) -> tokio_metrics::TaskMetrics {
    let mut builder = tokio_metrics::TaskMonitor::builder();
    builder.with_slow_poll_threshold(threshold);
    let monitor = builder.build();
    monitor.instrument(future).await;
    monitor.cumulative()
}
// ANCHOR_END: task_monitor

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// A clock that moves only when told to: `burn` stands for a blocking call.
    #[derive(Clone, Default)]
    struct HandClock(Arc<AtomicU64>);

    impl HandClock {
        fn burn(&self, how_long: Duration) {
            let nanos = u64::try_from(how_long.as_nanos()).unwrap_or(u64::MAX);
            self.0.fetch_add(nanos, Ordering::SeqCst);
        }
    }

    impl Clock for HandClock {
        fn now(&self) -> Duration {
            Duration::from_nanos(self.0.load(Ordering::SeqCst))
        }
    }

    const MS: Duration = Duration::from_millis(1);

    #[tokio::test(start_paused = true)]
    async fn a_poll_that_blocks_is_reported_with_its_task_and_poll_number() {
        let clock = HandClock::default();
        let reports = Reports::default();
        let burner = clock.clone();
        let task = async move {
            tokio::task::yield_now().await; // poll 1 is quick
            burner.burn(250 * MS); // poll 2 blocks, like a time.sleep(0.25)
        };
        watch("report", task, clock, 100 * MS, &reports).await;
        let expected = SlowPoll {
            task: "report".into(),
            poll: 2,
            took: 250 * MS,
        };
        assert_eq!(reports.list(), [expected]);
    }

    #[tokio::test(start_paused = true)]
    async fn time_spent_waiting_between_polls_is_not_a_slow_poll() {
        let clock = HandClock::default();
        let reports = Reports::default();
        let waiting_clock = clock.clone();
        let task = async move {
            tokio::time::sleep(Duration::from_secs(10)).await;
        };
        let mut watched = watch("fetch", task, clock, 100 * MS, &reports);
        // While the task is parked, time passes on the watcher's clock too.
        assert!(futures_poll_once(&mut watched).await.is_pending());
        waiting_clock.burn(Duration::from_secs(10));
        watched.await;
        assert_eq!(reports.list(), [], "waiting is not blocking");
    }

    #[tokio::test(start_paused = true)]
    async fn a_poll_at_the_threshold_is_not_reported_one_above_is() {
        for (took, reported) in [(100 * MS, false), (101 * MS, true)] {
            let clock = HandClock::default();
            let reports = Reports::default();
            let burner = clock.clone();
            watch(
                "edge",
                async move { burner.burn(took) },
                clock,
                100 * MS,
                &reports,
            )
            .await;
            assert_eq!(!reports.list().is_empty(), reported, "{took:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_watcher_is_transparent_to_wakeups_and_counts_every_poll() {
        let clock = HandClock::default();
        let reports = Reports::default();
        let task = async {
            for _ in 0..3 {
                tokio::task::yield_now().await;
            }
            42
        };
        let mut watched = watch("quiet", task, clock, 100 * MS, &reports);
        let answer = (&mut watched).await;
        assert_eq!(answer, 42);
        assert_eq!(
            watched.polls(),
            4,
            "three yields, then the poll that finishes"
        );
    }

    #[test]
    fn the_report_reads_like_asyncio_debug_mode() {
        let slow = SlowPoll {
            task: "report".into(),
            poll: 2,
            took: Duration::from_millis(201),
        };
        assert_eq!(
            slow.to_string(),
            "Executing <Task name='report'> took 0.201s (poll 2)"
        );
    }

    /// Poll a future once, with the task's waker, and give back what it said.
    async fn futures_poll_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
        std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut *future).poll(cx))).await
    }

    /// A future that waits 10 ms (a quick poll), then blocks its thread 300 ms.
    async fn waits_then_blocks() {
        tokio::time::sleep(Duration::from_millis(10)).await;
        std::thread::sleep(Duration::from_millis(300));
    }

    #[tokio::test]
    async fn tokio_metrics_counts_the_poll_that_blocked_as_slow() {
        let metrics = monitored(Duration::from_millis(100), waits_then_blocks()).await;
        assert_eq!(
            metrics.total_poll_count, 2,
            "one poll to start, one after the sleep"
        );
        assert!(metrics.total_slow_poll_count >= 1, "{metrics:?}");
        assert!(
            metrics.total_slow_poll_duration >= Duration::from_millis(300),
            "{metrics:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn on_the_paused_clock_tokio_metrics_sees_no_slow_poll() {
        // TaskMonitor times polls on tokio's clock, which a blocked thread stops.
        let metrics = monitored(Duration::from_millis(100), waits_then_blocks()).await;
        assert_eq!(metrics.total_slow_poll_count, 0, "{metrics:?}");
    }
}
