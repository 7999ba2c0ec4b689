//! Exercise solved: the notes' CPU job on rayon.

use rayon::prelude::*;

/// The notes' `cpu_bound`: `sum(i * i for i in range(number))`. Given.
pub fn cpu_bound(number: u64) -> u128 {
    (0..number).map(|i| u128::from(i) * u128::from(i)).sum()
}

// ANCHOR: solution
pub fn map_in_parallel<F>(numbers: &[u64], job: F) -> Vec<u128>
where
    F: Fn(u64) -> u128 + Sync + Send,
{
    // `par_iter` splits the slice among rayon's threads; `collect` into a Vec puts
    // every answer back at its number's position, whoever computed it and whenever.
    numbers.par_iter().map(|&n| job(n)).collect()
}

pub fn total_in_parallel(numbers: &[u64]) -> u128 {
    numbers.par_iter().map(|&n| cpu_bound(n)).sum()
}
// ANCHOR_END: solution
