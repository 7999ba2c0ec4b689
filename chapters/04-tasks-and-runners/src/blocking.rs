//! The colouring problem, measured: a blocking call inside a task stalls every other
//! task on its thread.
//!
//! The notes: "Use async sparingly", because async colours code: once you use it,
//! the whole call chain must be async, or a blocking call keeps the CPU from giving
//! the thread to anyone else. A task gives the thread back only at an `.await` that
//! is not ready. A sync call (`std::thread::sleep`, a blocking HTTP client, a
//! `std::fs` read of a slow disk, a long computation) has no `.await`: for as long as
//! it runs, the runtime's thread runs nothing else, and every other task on it
//! freezes. Python has the same problem with `time.sleep` inside a coroutine.
//!
//! [`scene`] puts a ticker beside a job that makes one slow lookup, three ways:
//! blocking the runtime's thread ([`lookup_inline`], the mistake), on tokio's pool of
//! blocking threads ([`lookup_on_blocking_thread`], Python's `run_in_executor`), and
//! with an async API ([`lookup_async`]). The ticker's stamps show the difference.
//!
//! On a multi-thread runtime there is one more way, [`lookup_in_place`]:
//! `block_in_place` runs the call on the worker's own thread after handing the
//! worker's other tasks to another thread. And a blocking call has a cost at the end:
//! nothing can abort it (it has no `.await`), so dropping the runtime waits until it
//! returns, unless `shutdown_timeout` gives up waiting (the tests show all three).

use std::time::Duration;

use course_kit::Timeline;
use tokio::task::JoinError;
use tokio::time::sleep;

// ANCHOR: lookups
/// A sync library call: it blocks the calling thread for `takes`.
pub fn lookup_blocking(takes: Duration) -> &'static str {
    std::thread::sleep(takes);
    "found"
}

/// The mistake: a sync call straight inside async code. It compiles, and it runs,
/// but the runtime's thread is stuck in it until it returns.
pub async fn lookup_inline(takes: Duration) -> &'static str {
    lookup_blocking(takes)
}

/// Fix 1, `loop.run_in_executor(None, lookup_blocking, takes)`: run the sync call on
/// tokio's pool of threads kept for blocking work, and await its result. The task
/// waits at the `.await` like at any other, and the runtime's thread is free.
pub async fn lookup_on_blocking_thread(takes: Duration) -> Result<&'static str, JoinError> {
    tokio::task::spawn_blocking(move || lookup_blocking(takes)).await
}

/// Fix 2: an async API for the same thing (here `tokio::time::sleep` stands for an
/// async client), which waits by returning `Pending` instead of holding the thread.
pub async fn lookup_async(takes: Duration) -> &'static str {
    sleep(takes).await;
    "found"
}
// ANCHOR_END: lookups

// ANCHOR: block_in_place
/// Fix 1b, on a multi-thread runtime only: `block_in_place` runs the call right here,
/// on this worker's thread, after handing the worker's other tasks to another thread.
/// The closure may borrow (it need not be `'static`), but this whole task waits, with
/// any future `join!`ed in it, and on a current-thread runtime it panics: there is no
/// other thread to hand the tasks to.
pub async fn lookup_in_place(takes: Duration) -> &'static str {
    tokio::task::block_in_place(|| lookup_blocking(takes))
}
// ANCHOR_END: block_in_place

/// Which of the three lookups the job makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Inline,
    BlockingThread,
    Async,
}

/// The timings of a scene: the ticker's rhythm, how many ticks it makes, when the
/// job starts its lookup and how long the lookup takes.
#[derive(Debug, Clone, Copy)]
pub struct Scene {
    pub period: Duration,
    pub ticks: u32,
    pub job_starts: Duration,
    pub lookup_takes: Duration,
}

impl Scene {
    /// The demos' scene: a tick every 0.5s, six of them; the job looks up at 0.7s
    /// and its lookup takes 1.5s.
    pub const DEMO: Scene = Scene {
        period: Duration::from_millis(500),
        ticks: 6,
        job_starts: Duration::from_millis(700),
        lookup_takes: Duration::from_millis(1500),
    };
}

// ANCHOR: scene
/// A ticker and a job side by side on the current runtime; returns once both end.
pub async fn scene(timeline: &Timeline, lookup: Lookup, times: Scene) -> anyhow::Result<()> {
    let ticker = tokio::spawn({
        let timeline = timeline.clone();
        async move {
            for n in 1..=times.ticks {
                sleep(times.period).await;
                timeline.say("ticker", format!("tick {n}"));
            }
        }
    });
    let job = tokio::spawn({
        let timeline = timeline.clone();
        async move {
            sleep(times.job_starts).await;
            timeline.say("job", format!("lookup starts ({lookup:?})"));
            let found = match lookup {
                Lookup::Inline => lookup_inline(times.lookup_takes).await,
                Lookup::BlockingThread => lookup_on_blocking_thread(times.lookup_takes).await?,
                Lookup::Async => lookup_async(times.lookup_takes).await,
            };
            timeline.say("job", format!("lookup done: {found}"));
            anyhow::Ok(())
        }
    });
    ticker.await?;
    job.await??;
    Ok(())
}
// ANCHOR_END: scene

/// The longest wait between two ticks (counting from the start): the ticker's
/// rhythm when it is kept, the stall when it is not.
pub fn largest_gap(timeline: &Timeline) -> Duration {
    let mut last = Duration::ZERO;
    let mut largest = Duration::ZERO;
    for event in timeline.events().iter().filter(|e| e.lane == "ticker") {
        largest = largest.max(event.at - last);
        last = event.at;
    }
    largest
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn with_an_async_lookup_the_ticker_keeps_its_half_second_rhythm() {
        let timeline = Timeline::quiet();
        scene(&timeline, Lookup::Async, Scene::DEMO).await.unwrap();
        for n in 1..=6 {
            assert_eq!(
                timeline.when("ticker", &format!("tick {n}")),
                Some(Scene::DEMO.period * n)
            );
        }
        assert_eq!(
            timeline.when("job", "lookup done: found"),
            Some(Duration::from_millis(2200)),
            "0.7s + 1.5s"
        );
        assert_eq!(largest_gap(&timeline), Duration::from_millis(500));
    }

    // The two tests below use the real clock, briefly. A blocking call takes real
    // time, which tokio's paused clock does not see (and tokio stops the paused clock
    // from jumping ahead while a spawn_blocking call is in flight). So they assert
    // what cannot vary with the machine's speed: what ran while the call blocked.

    #[tokio::test]
    async fn no_other_task_runs_while_a_task_blocks_the_thread() {
        let timeline = Timeline::quiet();
        let times = Scene {
            period: Duration::from_millis(10),
            ticks: 6,
            job_starts: Duration::from_millis(15),
            lookup_takes: Duration::from_millis(50),
        };
        scene(&timeline, Lookup::Inline, times).await.unwrap();
        let events = timeline.events();
        let start = events
            .iter()
            .position(|e| e.what.starts_with("lookup starts"));
        let done = events
            .iter()
            .position(|e| e.what.starts_with("lookup done"));
        let (start, done) = (start.unwrap(), done.unwrap());
        assert_eq!(
            done,
            start + 1,
            "no tick between the lookup's start and end: {events:?}"
        );
        assert!(
            largest_gap(&timeline) >= times.lookup_takes,
            "the ticker waited at least as long as the blocking call"
        );
    }

    /// Wait (blocking) for up to `count` ticks from the ticker, for at most `limit`,
    /// and return how many came.
    fn wait_for_ticks(ticks: mpsc::Receiver<u32>, count: usize, limit: Duration) -> usize {
        let until = Instant::now() + limit;
        (0..count)
            .take_while(|_| {
                let left = until.saturating_duration_since(Instant::now());
                ticks.recv_timeout(left).is_ok()
            })
            .count()
    }

    fn spawn_ticker() -> mpsc::Receiver<u32> {
        let (tx, rx) = mpsc::channel();
        tokio::spawn(async move {
            for n in 1.. {
                sleep(Duration::from_millis(5)).await;
                if tx.send(n).is_err() {
                    break;
                }
            }
        });
        rx
    }

    #[tokio::test]
    async fn a_blocking_call_on_the_runtime_thread_sees_no_tick_while_it_waits() {
        let ticks = spawn_ticker();
        let seen = wait_for_ticks(ticks, 3, Duration::from_millis(200));
        assert_eq!(seen, 0, "the ticker needs the thread this call is holding");
    }

    #[tokio::test]
    async fn the_same_call_on_a_blocking_thread_sees_the_ticker_tick() {
        let ticks = spawn_ticker();
        let seen =
            tokio::task::spawn_blocking(move || wait_for_ticks(ticks, 3, Duration::from_secs(5)))
                .await
                .unwrap();
        assert_eq!(seen, 3, "the runtime's thread was free to run the ticker");
    }

    const WAIT: Duration = Duration::from_secs(10);

    #[test]
    #[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
    fn block_in_place_panics_on_a_current_thread_runtime() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(lookup_in_place(Duration::ZERO));
    }

    #[test]
    fn block_in_place_hands_the_workers_other_tasks_to_another_thread() {
        // One worker. The first task blocks it, in place, until a second task has
        // run: that can only happen if block_in_place moved the worker's duties to
        // another thread. The closure borrows `label`: it need not be 'static.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap();
        let (entered_tx, entered) = mpsc::channel();
        let (tell, heard) = mpsc::channel();
        let blocked = runtime.spawn(async move {
            let label = String::from("the other task ran");
            tokio::task::block_in_place(|| {
                entered_tx.send(()).unwrap();
                heard.recv_timeout(WAIT).map(|()| label.as_str().to_owned())
            })
        });
        entered.recv_timeout(WAIT).unwrap();
        runtime.spawn(async move { tell.send(()) });
        let outcome = runtime.block_on(blocked).unwrap();
        assert_eq!(
            outcome.as_deref(),
            Ok("the other task ran"),
            "the second task ran while the only worker was blocked in place"
        );
    }

    /// A blocking call that says when it starts, waits for `release`, then says it is
    /// done: it stands for a slow read that nobody can interrupt.
    fn held_call(
        started: mpsc::Sender<()>,
        release: mpsc::Receiver<()>,
        done: mpsc::Sender<()>,
    ) -> impl FnOnce() -> &'static str + Send + 'static {
        move || {
            started.send(()).unwrap();
            let _ = release.recv();
            let _ = done.send(());
            "finished"
        }
    }

    #[tokio::test]
    async fn aborting_a_running_spawn_blocking_call_changes_nothing() {
        let (started_tx, started) = mpsc::channel();
        let (release, release_rx) = mpsc::channel();
        let (done_tx, _done) = mpsc::channel();
        let call = tokio::task::spawn_blocking(held_call(started_tx, release_rx, done_tx));
        tokio::task::spawn_blocking(move || started.recv_timeout(WAIT))
            .await
            .unwrap()
            .unwrap();
        call.abort();
        release.send(()).unwrap();
        assert_eq!(
            call.await.unwrap(),
            "finished",
            "the abort had no effect: the call ran to its end and its result came back"
        );
    }

    #[test]
    fn dropping_a_runtime_waits_for_a_running_blocking_call() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (started_tx, started) = mpsc::channel();
        let (release, release_rx) = mpsc::channel::<()>();
        let (done_tx, done) = mpsc::channel();
        runtime.spawn_blocking(held_call(started_tx, release_rx, done_tx));
        started.recv_timeout(WAIT).unwrap();
        // Let the call go a little later, from another thread, while `drop` waits.
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            let _ = release.send(());
        });
        drop(runtime);
        assert_eq!(
            done.try_recv(),
            Ok(()),
            "drop returned only after the blocking call had finished"
        );
        releaser.join().unwrap();
    }

    #[test]
    fn shutdown_timeout_stops_waiting_and_leaves_the_call_running() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (started_tx, started) = mpsc::channel();
        let (release, release_rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        runtime.spawn_blocking(held_call(started_tx, release_rx, done_tx));
        started.recv_timeout(WAIT).unwrap();
        runtime.shutdown_timeout(Duration::from_millis(10));
        assert_eq!(
            done.try_recv(),
            Err(mpsc::TryRecvError::Empty),
            "shutdown_timeout returned while the call was still blocked"
        );
        release.send(()).unwrap();
        assert_eq!(
            done.recv_timeout(WAIT),
            Ok(()),
            "the call ran on, on its leaked thread, and finished"
        );
    }
}
