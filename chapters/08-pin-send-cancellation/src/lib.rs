//! Chapter 8: the rules Python never made you learn.
//!
//! Python's asyncio keeps coroutine frames on the heap, runs every task on one thread,
//! cancels by raising an exception, and checks nothing before run time. Rust does none
//! of these, and each difference is a wall a newcomer hits. This chapter takes them in
//! the order they are usually met:
//!
//! 1. [`pinning`]: a future is a value that could move, and one that borrows from
//!    itself must not; `Pin`, `Unpin`, `Box::pin` and `pin!`;
//! 2. [`send_across_await`]: what a future holds across an `.await` decides whether
//!    `tokio::spawn` takes it; std's `Mutex` scoped, or tokio's held across;
//! 3. [`cancellation`]: `select!` drops the losing branch, and with it whatever that
//!    branch had half done; cancel-safe and cancel-unsafe branches, and a `Stream`
//!    that keeps its half-read item as long as it is kept;
//! 4. [`select_loops`]: `select!` in a loop: fairness and `biased;`, a future kept
//!    across turns, preconditions and `else`, and `interval`'s first tick and
//!    missed ticks;
//! 5. [`async_traits`]: `async fn` in traits, the `Send` bound for spawned callers
//!    (by hand or with `trait_variant`), and `dyn` through boxed futures;
//! 6. [`async_closures`]: async closures and `AsyncFnMut`, for callbacks whose
//!    futures borrow what they captured; `Fn() -> Fut` for those whose futures are
//!    spawned.

pub mod pinning;
pub mod send_across_await;
pub mod cancellation;
pub mod select_loops;
pub mod async_traits;
pub mod async_closures;
