//! Exercise (medium): await a CPU-bound job without blocking the async runtime.
//!
//! ```python
//! async def main():
//!     loop = asyncio.get_running_loop()
//!     with concurrent.futures.ProcessPoolExecutor() as pool:
//!         total = await loop.run_in_executor(pool, cpu_bound, 5_000_000)
//! ```
//!
//! `run_in_executor` hands the job to a pool and gives the event loop a future to
//! await, so the loop keeps serving other tasks while the job runs. Do the same with
//! rayon's pool: start the job there, and await its answer through a channel whose
//! receiving end is a future. The runtime's thread must never wait for the job.
//!
//! And a job can fail: `await run_in_executor(...)` re-raises the job's exception.
//! Here a job that panics makes `on_rayon` panic with the job's own message. (Left to
//! itself, a panic inside `rayon::spawn` goes to rayon's panic handler, which by
//! default aborts the whole process.)

// ANCHOR: exercise
/// Run `job` on rayon's thread pool and await its result. While the job runs, the
/// async runtime's thread is free to run other tasks.
pub async fn on_rayon<F, R>(job: F) -> R
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    // TODO: make a `tokio::sync::oneshot` channel; `rayon::spawn` a closure that
    // runs `job` under `std::panic::catch_unwind` and sends the outcome; then `.await`
    // the receiver, and return the value or `std::panic::resume_unwind` the panic.
    let _ = job;
    todo!("run_in_executor on rayon's pool")
}
// ANCHOR_END: exercise
