//! Exercise 1, solved: the CPU job on rayon.

use ch07_threads_processes_async::cpu_job::cpu_bound;
use rayon::prelude::*;

// ANCHOR: solution
pub fn map_in_parallel<F>(numbers: &[u64], job: F) -> Vec<u128>
where
    F: Fn(u64) -> u128 + Sync + Send,
{
    // `par_iter` splits the slice among rayon's threads; `collect` into a Vec puts
    // every answer back at its number's position, whoever computed it.
    numbers.par_iter().map(|&n| job(n)).collect()
}

pub fn total_in_parallel(numbers: &[u64]) -> u128 {
    map_in_parallel(numbers, cpu_bound).into_iter().sum()
}
// ANCHOR_END: solution
