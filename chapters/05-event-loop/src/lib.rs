//! Chapter 5: the event loop, built from scratch.
//!
//! The notes call the event loop "the core of every asyncio application: it runs
//! asynchronous tasks and callbacks, performs network IO operations, and runs
//! subprocesses". This crate builds one, in the order the book tells it:
//!
//! 1. [`block_on`]: one future on one thread, with a waker that unparks the thread;
//! 2. [`task`] and [`event_loop`]: many tasks, a ready queue, `spawn` and a
//!    `JoinHandle`, and wakers that put their task back on the queue;
//! 3. [`callbacks`]: `call_soon` and `call_later`;
//! 4. [`timer`]: `sleep` on a deadline heap, and a loop that sleeps in the OS
//!    until the next deadline instead of spinning;
//! 5. [`reactor`], [`net`] and [`echo`]: readiness from `mio` (epoll), an async
//!    `TcpListener` and `TcpStream`, and an echo server and client on them;
//! 6. [`process`]: a child process, its output read and its exit awaited on the loop;
//! 7. [`tokio_echo`]: the same echo server on tokio, and how tokio does all this at
//!    scale; [`bench`] measures the two loops on the same work.
//!
//! The runtime is steps 1 to 6 (`block_on.rs` to `process.rs`); `echo.rs` is an
//! application of it, and the last two modules compare it with tokio.

pub mod block_on;
pub mod task;
pub mod event_loop;
pub mod callbacks;
pub mod timer;
pub mod reactor;
pub mod net;
pub mod echo;
pub mod process;
pub mod tokio_echo;
pub mod bench;

pub use event_loop::{EventLoop, spawn};
pub use task::{JoinError, JoinHandle, yield_now};
pub use timer::{now, sleep};
