//! Exercise (easy): the notes' CPU job on rayon.
//!
//! ```python
//! def find_sums(numbers):
//!     with multiprocessing.Pool() as pool:
//!         return pool.map(cpu_bound, numbers)
//! ```
//!
//! Rust needs no processes for this: there is no GIL, so threads run on every core.
//! Write `pool.map` with rayon's thread pool, for any job, and the notes' total with it.

#[allow(unused_imports)] // you will need it
use rayon::prelude::*;

/// The notes' `cpu_bound`: `sum(i * i for i in range(number))`. Given.
pub fn cpu_bound(number: u64) -> u128 {
    (0..number).map(|i| u128::from(i) * u128::from(i)).sum()
}

// ANCHOR: exercise
/// `job(n)` for every `n` of `numbers`, computed on rayon's thread pool, returned in
/// the order of `numbers` (as `pool.map` returns them), whichever finishes first.
pub fn map_in_parallel<F>(numbers: &[u64], job: F) -> Vec<u128>
where
    F: Fn(u64) -> u128 + Sync + Send,
{
    // TODO: turn `numbers` into a parallel iterator, map each number through `job`,
    // and collect.
    let _ = (numbers, job);
    todo!("pool.map(job, numbers) with rayon")
}

/// The notes' answer: the sum of `cpu_bound(n)` over `numbers`, in parallel.
pub fn total_in_parallel(numbers: &[u64]) -> u128 {
    // TODO: `map_in_parallel` with `cpu_bound`, or a parallel `.sum()`.
    let _ = numbers;
    todo!("the sum of cpu_bound over numbers")
}
// ANCHOR_END: exercise
