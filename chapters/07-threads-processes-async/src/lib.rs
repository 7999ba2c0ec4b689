//! Chapter 7: threads vs processes vs async.
//!
//! The notes close with a comparison: download 80 sites with a pool of threads, sum
//! squares with a pool of processes, and conclude that threads help IO, processes
//! help CPU, and asyncio helps IO best. This chapter measures all of it, in Rust,
//! on the reader's machine, in the order the book tells it:
//!
//! 1. [`server`]: the real HTTP server on 127.0.0.1 that every download talks to,
//!    with a set latency, so that IO-bound means "waiting", as it does on the web;
//! 2. [`download`]: one download, checked (status and length), failures per URL;
//! 3. [`progress`]: a progress bar for long runs, on a terminal only;
//! 4. [`sequential`]: the baseline, one blocking request after another;
//! 5. [`thread_pool`]: five threads with a thread-local client, the notes' version;
//! 6. [`async_download`]: one thread, all requests at once, or at most N at once;
//! 7. [`cpu_job`]: the CPU-bound job, guarded against the optimiser;
//! 8. [`cpu_threads`]: the job on scoped threads and on rayon (no GIL here);
//! 9. [`processes`]: the job in child processes, the notes' `multiprocessing.Pool`;
//! 10. [`cpu_on_tokio`]: the job on an async runtime, blocking it and not;
//! 11. [`report`]: the tables and charts that compare them.

pub mod server;
pub mod download;
pub mod progress;
pub mod sequential;
pub mod thread_pool;
pub mod async_download;
pub mod cpu_job;
pub mod cpu_threads;
pub mod processes;
pub mod cpu_on_tokio;
pub mod report;
