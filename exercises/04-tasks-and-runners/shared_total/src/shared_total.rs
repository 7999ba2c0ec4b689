//! Exercise 4 (medium): many tasks, one total, and no update lost.
//!
//! ```python
//! total = 0
//!
//! async def worker(adds):
//!     global total
//!     for _ in range(adds):
//!         seen = total
//!         await asyncio.sleep(0)     # another task may run here...
//!         total = seen + 1           # ...and its add is overwritten
//!
//! async def shared_total(workers, adds):
//!     await asyncio.gather(*(worker(adds) for _ in range(workers)))
//!     return total
//! ```
//!
//! In asyncio this loses updates only because of the `await` between the read and
//! the write: one thread runs one task at a time. On tokio's multi-thread runtime,
//! tasks run at the same time on several threads, so a read and a write that are
//! two steps can be interleaved with no `.await` at all.
//!
//! Write [`shared_total`]: spawn `workers` tasks, each adding 1 to one shared total
//! `adds` times; wait until every task has finished; return the total, which must be
//! exactly `workers * adds` every time, on any runtime.

// ANCHOR: exercise
pub async fn shared_total(workers: usize, adds: u64) -> u64 {
    // TODO: share one counter between the tasks (spawned tasks must own what they
    // use: `Arc`), make each add one indivisible step (an atomic `fetch_add`, or a
    // `Mutex` held for the read and the write), await every task, then read it.
    let _ = (workers, adds); // Only silences "unused" warnings: delete it.
    todo!("add from many tasks without losing an update")
}
// ANCHOR_END: exercise
