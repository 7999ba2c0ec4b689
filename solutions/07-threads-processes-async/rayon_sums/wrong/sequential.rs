//! WRONG: `iter()` instead of `par_iter()`: right answers, one job at a time.

pub fn cpu_bound(number: u64) -> u128 {
    (0..number).map(|i| u128::from(i) * u128::from(i)).sum()
}

pub fn map_in_parallel<F>(numbers: &[u64], job: F) -> Vec<u128>
where
    F: Fn(u64) -> u128 + Sync + Send,
{
    numbers.iter().map(|&n| job(n)).collect()
}

pub fn total_in_parallel(numbers: &[u64]) -> u128 {
    numbers.iter().map(|&n| cpu_bound(n)).sum()
}
