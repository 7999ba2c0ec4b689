//! WRONG: no stop at 1, so it goes on 4, 2, 1, 4, 2, 1 forever (Python's loop test left out).

use std::iter::Successors;

pub type Collatz = Successors<u64, fn(&u64) -> Option<u64>>;

pub fn collatz(n: u64) -> Collatz {
    std::iter::successors((n > 0).then_some(n), |&n| {
        if n % 2 == 0 {
            Some(n / 2)
        } else {
            n.checked_mul(3)?.checked_add(1)
        }
    })
}
