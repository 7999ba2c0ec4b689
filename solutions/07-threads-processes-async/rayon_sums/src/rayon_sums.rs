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

pub fn checked_total(numbers: &[u64]) -> Option<u64> {
    // Each answer must fit in a u64, and so must every partial sum: `None` as soon as
    // one does not. rayon adds the partial sums of its threads in whatever grouping it
    // likes, which is why the check is in the combining step, not only per number.
    numbers
        .par_iter()
        .map(|&n| u64::try_from(cpu_bound(n)).ok())
        .try_reduce(|| 0, u64::checked_add)
}
// ANCHOR_END: solution
