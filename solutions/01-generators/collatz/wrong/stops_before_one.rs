//! WRONG: `while n != 1` copied into the step, so the final `yield 1` is lost.

use std::iter::Successors;

pub type Collatz = Successors<u64, fn(&u64) -> Option<u64>>;

pub fn collatz(n: u64) -> Collatz {
    std::iter::successors((n > 1).then_some(n), |&n| {
        let next = if n % 2 == 0 {
            n / 2
        } else {
            n.checked_mul(3)?.checked_add(1)?
        };
        (next != 1).then_some(next)
    })
}
