//! The CPU job on an async runtime: what blocking costs, and `spawn_blocking`.
//!
//! Async helps with waiting, not with computing. A task that computes for a second
//! without reaching an `.await` holds its thread for that second, and on a
//! single-threaded runtime (the model of Python's event loop) nothing else runs
//! meanwhile: no other task, no timer, no socket. In Python the same mistake is
//! calling `cpu_bound()` inside an `async def`; the fix there is
//! `await loop.run_in_executor(pool, cpu_bound, n)`.
//!
//! To make the cost visible, each run below has a heartbeat: a task that wakes every
//! 10 ms and records the longest gap between two of its beats. The work runs on a
//! current-thread runtime, twice:
//!
//! - [`blocking_the_runtime`]: every job is a task that calls `cpu_bound` directly.
//!   The jobs run one after another on the runtime's one thread, and the heartbeat
//!   misses every beat until they are all done.
//! - [`with_spawn_blocking`]: every job is sent to tokio's blocking pool, threads
//!   kept apart for exactly this. The runtime's thread stays free, and the jobs run
//!   on the cores in parallel. The heartbeat then waits only for a core: close to
//!   its 10 ms on an idle machine, longer when twenty busy threads share two cores.
//!
//! For pure computation, rayon is as good a pool as tokio's blocking one; from async
//! code you would hand rayon the work and `.await` a oneshot channel for the answer.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use tokio::time::Instant;

use crate::cpu_job::cpu_bound;

/// How often the heartbeat wants to beat.
pub const BEAT: Duration = Duration::from_millis(10);

/// The answers, and how the heartbeat fared meanwhile.
#[derive(Debug, Clone)]
pub struct OnTokio {
    pub totals: Vec<u128>,
    /// The longest time the heartbeat waited for its turn: about [`BEAT`] when the
    /// runtime is free, the whole run when the runtime is blocked.
    pub longest_gap: Duration,
}

// ANCHOR: blocking
/// Each job a task that computes in place: the runtime's thread is blocked.
pub fn blocking_the_runtime(numbers: &[u64]) -> anyhow::Result<OnTokio> {
    with_heartbeat(numbers, |n| async move { cpu_bound(n) })
}
// ANCHOR_END: blocking

// ANCHOR: spawn_blocking
/// Each job sent to tokio's blocking pool; the task only waits for its answer.
pub fn with_spawn_blocking(numbers: &[u64]) -> anyhow::Result<OnTokio> {
    with_heartbeat(numbers, |n| async move {
        tokio::task::spawn_blocking(move || cpu_bound(n))
            .await
            .expect("cpu_bound does not panic, and the runtime is not shut down while we wait")
    })
}
// ANCHOR_END: spawn_blocking

// ANCHOR: heartbeat
/// When the heartbeat last beat, and the longest gap between two beats so far.
#[derive(Debug, Clone, Copy)]
struct Beats {
    last: Instant,
    longest_gap: Duration,
}

impl Beats {
    /// A beat now: the gap since the last one counts.
    fn beat(&mut self) {
        self.longest_gap = self.longest_gap.max(self.last.elapsed());
        self.last = Instant::now();
    }
}

/// Run `job(n)` as one task per number on a current-thread runtime, with a heartbeat
/// task beside them.
fn with_heartbeat<F, Fut>(numbers: &[u64], job: F) -> anyhow::Result<OnTokio>
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = u128> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .context("could not start a tokio runtime")?;
    runtime.block_on(async {
        let beats = Arc::new(Mutex::new(Beats {
            last: Instant::now(),
            longest_gap: Duration::ZERO,
        }));
        let heartbeat = tokio::spawn({
            let beats = beats.clone();
            async move {
                loop {
                    tokio::time::sleep(BEAT).await;
                    beats.lock().unwrap_or_else(|p| p.into_inner()).beat();
                }
            }
        });
        // Let the heartbeat start its first sleep before the jobs arrive.
        tokio::task::yield_now().await;
        let jobs: Vec<_> = numbers.iter().map(|&n| tokio::spawn(job(n))).collect();
        let mut totals = Vec::with_capacity(jobs.len());
        for job in jobs {
            totals.push(job.await.context("a job panicked")?);
        }
        heartbeat.abort();
        // A heartbeat starved until now has not had the chance to record its gap:
        // count the time since its last beat too.
        let mut beats = beats.lock().unwrap_or_else(|p| p.into_inner());
        beats.beat();
        Ok(OnTokio {
            totals,
            longest_gap: beats.longest_gap,
        })
    })
}
// ANCHOR_END: heartbeat

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A task that counts how often it gets the thread.
    async fn ticker(ticks: Arc<AtomicUsize>) {
        loop {
            ticks.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test]
    async fn a_job_computing_in_a_task_stops_every_other_task() {
        let ticks = Arc::new(AtomicUsize::new(0));
        tokio::spawn(ticker(ticks.clone()));
        tokio::task::yield_now().await;
        let before = ticks.load(Ordering::SeqCst);
        let total = cpu_bound(200_000);
        assert_eq!(
            ticks.load(Ordering::SeqCst),
            before,
            "nothing else ran during the job"
        );
        assert_eq!(total, crate::cpu_job::sum_of_squares_below(200_000));
    }

    #[tokio::test]
    async fn with_spawn_blocking_other_tasks_run_during_the_job() {
        // The job waits until another task has run: it could never finish if the
        // runtime's thread were blocked, so finishing proves it was not.
        let (tell, heard) = std::sync::mpsc::channel();
        let job = tokio::task::spawn_blocking(move || heard.recv().map(|()| cpu_bound(1000)));
        tokio::spawn(async move { tell.send(()) });
        let total = job.await.unwrap().unwrap();
        assert_eq!(total, crate::cpu_job::sum_of_squares_below(1000));
    }

    #[test]
    fn both_ways_compute_the_same_totals() {
        let numbers = crate::cpu_job::numbers(1000, 5);
        let expected = crate::cpu_job::sequential(&numbers);
        assert_eq!(blocking_the_runtime(&numbers).unwrap().totals, expected);
        assert_eq!(with_spawn_blocking(&numbers).unwrap().totals, expected);
    }
}
