//! Chapter 4: tasks and runners.
//!
//! The notes: a coroutine "needs to be scheduled to run on the event loop; once
//! scheduled, coroutines are wrapped in Tasks", and "runners are built on top of an
//! event loop" to run async code from the outside. This chapter does both with
//! tokio, in the order the book tells them:
//!
//! 1. [`spawn`]: `tokio::spawn` for `asyncio.create_task`; a `JoinHandle` is a future;
//! 2. [`join_set`]: `JoinSet` for many tasks, collected as they finish;
//! 3. [`abort`]: cancelling a task, and what the task sees of it (only `Drop`);
//! 4. [`task_panic`]: a panic inside a task comes back as a `JoinError`;
//! 5. [`task_group`]: why a `JoinSet` is not asyncio's `TaskGroup`, and the tokio
//!    for each of its behaviours (`join_next` until empty, `shutdown().await`,
//!    `try_join!`);
//! 6. [`send_static`]: why spawned futures must be `Send + 'static`, the compiler
//!    errors a learner meets, and the two fixes (owned data, `spawn_local`);
//! 7. [`runner`]: `asyncio.Runner` and `asyncio.run` as a `Runtime`, several
//!    `block_on` calls on it, and what `#[tokio::main]` expands to;
//! 8. [`blocking`]: the colouring problem measured: a blocking call stalls the other
//!    tasks, and the fixes, `spawn_blocking` (or `block_in_place`) and an async API;
//!    what a blocking call costs at shutdown, since nothing can abort it;
//! 9. [`sync_bridge`]: async code called from sync code, with `Runtime::block_on`
//!    and `Handle::block_on`, or `Handle::spawn` to run it on the runtime's threads.

pub mod spawn;
pub mod join_set;
pub mod abort;
pub mod task_panic;
pub mod task_group;
pub mod send_static;
pub mod runner;
pub mod blocking;
pub mod sync_bridge;
