//! What the runtime says about itself: tokio's stable metrics.
//!
//! asyncio can list its tasks (`asyncio.all_tasks()`), and not much more. A tokio
//! runtime keeps counters that any code holding a `Handle` may read, at no cost worth
//! measuring. Only a few are stable (usable without `--cfg tokio_unstable`):
//!
//! - `num_workers`: worker threads (1 on a current-thread runtime);
//! - `num_alive_tasks`: tasks spawned and not yet ended (a leak shows here first);
//! - `global_queue_depth`: tasks waiting in the shared queue, which is where tasks
//!   spawned or woken from outside the runtime go: a queue that keeps growing means
//!   the workers cannot keep up;
//! - per worker, `worker_total_busy_duration` and `worker_park_count`: how long it
//!   spent running tasks, and how often it went to sleep for lack of work.
//!
//! The rest (poll counts, steals, schedule latency, histograms) needs
//! `RUSTFLAGS="--cfg tokio_unstable"`; so does tokio-console, which shows every task,
//! its polls and its wakers live.

use std::time::Duration;

use tokio::runtime::Handle;

// ANCHOR: snapshot
/// The stable metrics of one runtime at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub workers: usize,
    pub alive_tasks: usize,
    pub global_queue_depth: usize,
    /// Time each worker has spent running tasks since the runtime started.
    pub busy: Vec<Duration>,
    /// How many times each worker has gone to sleep for lack of work.
    pub parks: Vec<u64>,
}

pub fn snapshot(runtime: &Handle) -> Snapshot {
    let metrics = runtime.metrics();
    Snapshot {
        workers: metrics.num_workers(),
        alive_tasks: metrics.num_alive_tasks(),
        global_queue_depth: metrics.global_queue_depth(),
        busy: (0..metrics.num_workers())
            .map(|worker| metrics.worker_total_busy_duration(worker))
            .collect(),
        parks: (0..metrics.num_workers())
            .map(|worker| metrics.worker_park_count(worker))
            .collect(),
    }
}
// ANCHOR_END: snapshot

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn alive_tasks_counts_spawned_tasks_until_they_end() {
        let before = snapshot(&Handle::current()).alive_tasks;
        let tasks: Vec<_> = (0..10)
            .map(|_| tokio::spawn(tokio::time::sleep(Duration::from_secs(1))))
            .collect();
        assert_eq!(snapshot(&Handle::current()).alive_tasks, before + 10);
        for task in tasks {
            task.await.expect("sleeping does not panic");
        }
        assert_eq!(snapshot(&Handle::current()).alive_tasks, before);
    }

    #[test]
    fn tasks_spawned_from_outside_the_runtime_wait_in_the_global_queue() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime");
        // This thread is not running the runtime, so the tasks wait in the shared queue.
        for _ in 0..3 {
            runtime.spawn(async {});
        }
        assert_eq!(snapshot(runtime.handle()).global_queue_depth, 3);
        runtime.block_on(tokio::task::yield_now());
        assert_eq!(snapshot(runtime.handle()).global_queue_depth, 0);
    }

    #[test]
    fn a_current_thread_runtime_has_one_worker_and_a_multi_thread_one_as_many_as_asked() {
        let one = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        assert_eq!(snapshot(one.handle()).workers, 1);
        let three = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(3)
            .build()
            .expect("runtime");
        assert_eq!(snapshot(three.handle()).workers, 3);
    }

    #[test]
    fn a_worker_with_nothing_to_do_but_wait_parks() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("runtime");
        let before = snapshot(runtime.handle()).parks[0];
        runtime.block_on(async { tokio::time::sleep(Duration::from_millis(5)).await });
        let after = snapshot(runtime.handle()).parks[0];
        assert!(after > before, "parks went from {before} to {after}");
    }

    #[test]
    fn busy_time_includes_a_poll_that_blocks_the_worker() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            tokio::spawn(async {
                // Blocks the only worker: exactly what busy time is there to show.
                std::thread::sleep(Duration::from_millis(20));
            })
            .await
            .expect("no panic");
        });
        // A lower bound only: the thread slept at least 20 ms, however busy the machine.
        let busy = snapshot(runtime.handle()).busy[0];
        assert!(busy >= Duration::from_millis(20), "busy {busy:?}");
    }
}
