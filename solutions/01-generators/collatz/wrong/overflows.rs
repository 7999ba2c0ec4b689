//! WRONG: `3 * n + 1` as in Python, where integers never overflow; a u64 does.

use std::iter::Successors;

pub type Collatz = Successors<u64, fn(&u64) -> Option<u64>>;

pub fn collatz(n: u64) -> Collatz {
    std::iter::successors((n > 0).then_some(n), |&n| match n {
        1 => None,
        n if n % 2 == 0 => Some(n / 2),
        n => Some(3 * n + 1),
    })
}
