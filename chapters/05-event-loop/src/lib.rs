//! Chapter 5: the event loop, built from scratch.
//!
//! The notes call the event loop "the core of every asyncio application: it runs
//! asynchronous tasks and callbacks, performs network IO operations, and runs
//! subprocesses". This crate builds one in steps. Each step is a module that uses
//! only the steps above it, so step N compiles, runs and passes its tests with
//! steps 1 to N alone:
//!
//! 1. [`block_on`]: one future on one thread, with a waker that unparks the thread;
//! 2. [`event_loop`]: many tasks, a ready queue, wakers that put their task back on
//!    it, and a [`Driver`](event_loop::Driver) the loop waits on when nothing is ready;
//! 3. [`join_handle`]: `spawn` that hands back the task's output (or its panic);
//! 4. [`callbacks`]: `call_soon`, a callback as a one-step task;
//! 5. [`timer`]: `sleep` and `call_later` on a deadline heap: a driver that turns
//!    the next deadline into the time the loop may sleep;
//! 6. [`reactor`] and [`net`]: readiness from `mio` (epoll, kqueue) as a driver, an
//!    async `TcpListener` and `TcpStream`, and the fast path that skips the system
//!    calls a socket would refuse;
//! 7. [`echo`]: an echo server and client on the loop;
//! 8. [`process`]: a child process, its output read and its exit awaited on the loop;
//! 9. [`tokio_echo`]: the same echo server on tokio, and how tokio does all this at
//!    scale.
//! 10. [`multi_thread`]: many threads: worker threads with queues they steal
//!     from, sharing the one reactor and timer heap, and the reason for `Send`.
//!
//! [`trace`] comes first because every step reports to it (a flight recorder that
//! costs one thread-local check while off); [`swimlanes`] draws what it recorded.
//! [`scaling_chart`] draws the benchmark's best times against the number of workers.
//! [`bench`] and [`serve`] are harness: the benchmark table and the `serve` command.

pub mod trace;
pub mod block_on;
pub mod event_loop;
pub mod join_handle;
pub mod callbacks;
pub mod timer;
pub mod reactor;
pub mod net;
pub mod echo;
pub mod process;
pub mod tokio_echo;
pub mod multi_thread;
pub mod swimlanes;
pub mod scaling_chart;
pub mod bench;
pub mod bench_multi_thread;
pub mod serve;

pub use event_loop::{EventLoop, spawn_detached, yield_now};
pub use join_handle::{JoinError, JoinHandle, spawn};
pub use reactor::{new_event_loop, new_event_loop_paused};
pub use timer::{now, sleep};
