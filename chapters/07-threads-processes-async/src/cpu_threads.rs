//! The CPU job on threads: what the GIL forbids Python and Rust allows.
//!
//! In the default build of CPython, only the thread holding the Global Interpreter
//! Lock runs Python code, so the notes' threading version of a CPU job is no faster
//! than a loop; that is why the notes reach for `multiprocessing`. (C code that
//! releases the lock, such as `hashlib` or numpy, runs in parallel even there, and the
//! free-threaded build, 3.13t, has no GIL.) Rust has no GIL: threads of one
//! process run on every core at once, and they share memory, so there is nothing to
//! copy in or out.
//!
//! Two ways: [`scoped_threads`] splits the numbers into one chunk per core by hand
//! (what `Pool.map` does with its `chunksize`); [`with_rayon`] hands the splitting
//! and the balancing to rayon's work-stealing pool, in one changed line:
//! `iter()` becomes `par_iter()`.

use rayon::prelude::*;

use crate::cpu_job::cpu_bound;

// ANCHOR: scoped_threads
/// One thread per chunk of `numbers`, `threads` chunks; answers in input order.
pub fn scoped_threads(numbers: &[u64], threads: usize) -> Vec<u128> {
    let chunk = numbers.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = numbers
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|&n| cpu_bound(n)).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            // A worker only panics if `cpu_bound` does, and then so should we.
            .flat_map(|worker| worker.join().expect("a cpu_bound worker panicked"))
            .collect()
    })
}
// ANCHOR_END: scoped_threads

// ANCHOR: rayon
/// The same, on rayon's pool (one thread per core): `pool.map(cpu_bound, numbers)`.
pub fn with_rayon(numbers: &[u64]) -> Vec<u128> {
    numbers.par_iter().map(|&n| cpu_bound(n)).collect()
}
// ANCHOR_END: rayon

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cpu_job::{numbers, sequential};

    #[test]
    fn threads_and_rayon_give_the_sequential_answers_in_order() {
        let numbers = numbers(10_000, 7);
        let expected = sequential(&numbers);
        for threads in [1, 2, 3, 7, 16] {
            assert_eq!(
                scoped_threads(&numbers, threads),
                expected,
                "{threads} threads"
            );
        }
        assert_eq!(with_rayon(&numbers), expected);
    }
}
