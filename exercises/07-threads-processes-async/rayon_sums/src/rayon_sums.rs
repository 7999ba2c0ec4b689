//! Exercise (easy): the notes' CPU job on rayon.
//!
//! ```python
//! def find_sums(numbers):
//!     with multiprocessing.Pool() as pool:
//!         return pool.map(cpu_bound, numbers)
//! ```
//!
//! Rust needs no processes for this: there is no GIL, so threads run on every core.
//! Write `pool.map` with rayon's thread pool, for any job, and the notes' total with it;
//! then the same total as a `u64`, where the chapter's listing never has to ask
//! whether a sum fits.

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

/// The same total as a `u64`, computed in parallel: `None` when it does not fit (one
/// answer alone, or the sum of several). Python's int grows without limit; a `u64`
/// stops at 18_446_744_073_709_551_615.
pub fn checked_total(numbers: &[u64]) -> Option<u64> {
    // TODO: map each number to `u64::try_from(cpu_bound(n)).ok()`, and add them up in
    // parallel with `checked_add`, giving `None` as soon as anything does not fit.
    let _ = numbers;
    todo!("the total as a u64, or None")
}
// ANCHOR_END: exercise
