//! WRONG: answers pushed into a shared Vec as jobs finish, so they come back in the
//! order they finished (like `imap_unordered`), not the order of the numbers.

use std::sync::Mutex;

use rayon::prelude::*;

pub fn cpu_bound(number: u64) -> u128 {
    (0..number).map(|i| u128::from(i) * u128::from(i)).sum()
}

pub fn map_in_parallel<F>(numbers: &[u64], job: F) -> Vec<u128>
where
    F: Fn(u64) -> u128 + Sync + Send,
{
    let answers = Mutex::new(Vec::new());
    numbers.par_iter().for_each(|&n| {
        let answer = job(n);
        answers.lock().expect("no job panics").push(answer);
    });
    answers.into_inner().expect("no job panics")
}

pub fn total_in_parallel(numbers: &[u64]) -> u128 {
    map_in_parallel(numbers, cpu_bound).into_iter().sum()
}
