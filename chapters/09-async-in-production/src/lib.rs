//! Chapter 9: async in production.
//!
//! The notes end where a real service begins. This chapter takes what Python 3.11+
//! gives a service author (`TaskGroup`, `asyncio.timeout`, signal handlers, `Event` and
//! friends, `contextvars`, `IsolatedAsyncioTestCase`, debug mode) and shows the Rust way
//! to each, in five steps, in the order the book tells them:
//!
//! 1. structured concurrency: [`task_group`] runs a group of tasks that succeed or
//!    fail together, under a deadline if asked;
//! 2. stopping on purpose: [`cancellation`] (tokens and trackers), [`cleanup`] (no
//!    async `Drop`, and what to do instead), [`signals`]
//!    (SIGINT, SIGTERM and SIGHUP) and [`service`], a server that shuts down gracefully;
//! 3. sharing between tasks: [`primitives`] (lock, semaphore, barrier, condition),
//!    [`notify`] (and the notification that gets lost), [`task_local`] (contextvars);
//! 4. [`testing`]: `#[tokio::test]`, the paused clock, a scripted peer;
//! 5. observing: [`spans`] (tracing across tasks), [`metrics`] (the runtime's own
//!    counters), [`slow_poll`] (asyncio's debug mode, rebuilt), and [`blocking`]
//!    (moving the blocking call it finds off the runtime).

pub mod task_group;
pub mod cancellation;
pub mod cleanup;
pub mod signals;
pub mod service;
pub mod primitives;
pub mod notify;
pub mod task_local;
pub mod testing;
pub mod spans;
pub mod metrics;
pub mod slow_poll;
pub mod blocking;
