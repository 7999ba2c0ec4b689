//! Exercise 1 (easy): the CPU job on rayon.
//!
//! ```python
//! def find_sums(numbers):
//!     with multiprocessing.Pool() as pool:
//!         return pool.map(cpu_bound, numbers)
//! ```
//!
//! Rust needs no processes for this: threads run on every core. Write `pool.map`
//! with rayon, for any job, and the notes' total with it.

use ch07_threads_processes_async::cpu_job::cpu_bound;

// ANCHOR: exercise
/// `job(n)` for every `n` of `numbers`, computed on rayon's thread pool, in the
/// order of `numbers` (as `pool.map` returns them).
pub fn map_in_parallel<F>(numbers: &[u64], job: F) -> Vec<u128>
where
    F: Fn(u64) -> u128 + Sync + Send,
{
    // TODO: turn `numbers` into a parallel iterator (rayon::prelude), map each
    // number through `job`, and collect.
    let _ = (numbers, job);
    todo!("pool.map(job, numbers) with rayon")
}

/// The notes' answer: the sum of `cpu_bound(n)` over `numbers`, in parallel.
pub fn total_in_parallel(numbers: &[u64]) -> u128 {
    // TODO: use `map_in_parallel` with `cpu_bound`, or a parallel `.sum()`.
    let _ = (numbers, cpu_bound);
    todo!("the sum of cpu_bound over numbers")
}
// ANCHOR_END: exercise
