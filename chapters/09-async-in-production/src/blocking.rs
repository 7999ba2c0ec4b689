//! A blocking call in async code: `spawn_blocking` or `block_in_place`.
//!
//! The slow-poll detector finds a task that blocks its thread; this is the fix.
//! Python's is `await asyncio.to_thread(f)` (or `loop.run_in_executor`): run `f` on
//! a pool thread and await the result. Tokio has two:
//!
//! - **`spawn_blocking(f)`** runs `f` on tokio's blocking pool and returns a handle to
//!   await, exactly `to_thread`. `f` is moved to another thread, so it must be
//!   `Send + 'static`: it cannot borrow the caller's locals ([`checksum_on_pool`]).
//!   Works on every runtime.
//! - **`block_in_place(f)`** runs `f` right here, on this worker thread, after handing
//!   the worker's other tasks to a new thread, so nothing else stalls. `f` may borrow
//!   ([`checksum_in_place`]). But the task itself waits (no `.await`, nothing else in
//!   the same task runs meanwhile), and it needs another worker to hand things to: on
//!   a current-thread runtime it panics, "can call blocking only when running on the
//!   multi-threaded runtime" (`#[tokio::test]` and `flavor = "current_thread"` are
//!   such runtimes).
//!
//! Use `spawn_blocking` by default; `block_in_place` when the call must borrow
//! something that cannot be moved or cloned cheaply, on a multi-thread runtime only.

/// The blocking work: a checksum over a buffer (CPU work, a stand-in for a
/// synchronous library call).
pub fn checksum(data: &[u8]) -> u64 {
    data.iter().fold(0u64, |sum, &byte| {
        sum.wrapping_mul(31).wrapping_add(u64::from(byte))
    })
}

// ANCHOR: both
/// `to_thread`'s twin: the data is moved to the blocking pool, and the task awaits.
pub async fn checksum_on_pool(data: Vec<u8>) -> u64 {
    tokio::task::spawn_blocking(move || checksum(&data))
        .await
        .expect("the checksum does not panic")
}

/// The call stays on this thread, borrowing `data`; the worker's other tasks move to
/// another thread meanwhile. Panics on a current-thread runtime.
pub async fn checksum_in_place(data: &[u8]) -> u64 {
    tokio::task::block_in_place(|| checksum(data))
}
// ANCHOR_END: both

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &[u8] = b"a buffer too big to clone";

    #[tokio::test]
    async fn spawn_blocking_works_on_a_current_thread_runtime() {
        assert_eq!(checksum_on_pool(DATA.to_vec()).await, checksum(DATA));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn block_in_place_borrows_and_works_on_a_multi_thread_runtime() {
        let data = DATA.to_vec();
        assert_eq!(checksum_in_place(&data).await, checksum(DATA));
    }

    #[tokio::test]
    #[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
    async fn block_in_place_panics_on_a_current_thread_runtime() {
        let _ = checksum_in_place(DATA).await;
    }
}
