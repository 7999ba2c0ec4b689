//! Chapter 3: futures.
//!
//! Python's notes: a Future is "the result of a task that may or may not have been
//! executed. This result may be an exception", and futures "bridge low-level
//! callback-based code with high-level async/await code". This chapter builds that
//! bridge, then the tools that wait on many futures at once, in the order the book
//! tells them:
//!
//! 1. [`callback_api`]: the callback-based code to bridge: a client that works on a
//!    thread of its own and calls you back;
//! 2. [`completion`]: the `Future` trait by hand: `poll`, `Poll`, `Context` and a
//!    `Waker`, in a future that the callback completes (`loop.create_future()`);
//! 3. [`waker`]: the other end of the waker: the smallest `block_on`, with a waker
//!    built safely on `std::task::Wake`;
//! 4. [`oneshot_bridge`]: the same bridge with `futures::channel::oneshot`, and
//!    `Result` for a result that "may be an exception";
//! 5. [`job`]: the work the rest of the chapter waits on: named jobs that report when
//!    they start, finish, fail, or are dropped half-way;
//! 6. [`gather`]: `join_all`, `try_join_all`, `join!` and `try_join!` for
//!    `asyncio.gather`, with and without `return_exceptions`;
//! 7. [`timeout`]: `tokio::time::timeout`, `timeout_at` and `select!` for
//!    `asyncio.timeout`, `timeout_at` and `wait_for`;
//! 8. [`cancellation`]: dropping a future cancels it at its next `.await`;
//! 9. [`shield`]: a spawned task keeps running when its awaiter gives up;
//! 10. [`public_api`]: why a library hands out `async fn`s, not future types.

pub mod callback_api;
pub mod completion;
pub mod waker;
pub mod oneshot_bridge;
pub mod job;
pub mod gather;
pub mod timeout;
pub mod cancellation;
pub mod shield;
pub mod public_api;
