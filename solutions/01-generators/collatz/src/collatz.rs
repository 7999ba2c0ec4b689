//! Exercise 1, solved: the Collatz generator from `std::iter::successors`.

use std::iter::Successors;

/// The type `successors` returns when its `next` is a plain function: the closure
/// you pass must not capture anything (each step needs only the number before it).
pub type Collatz = Successors<u64, fn(&u64) -> Option<u64>>;

// ANCHOR: solution
pub fn collatz(n: u64) -> Collatz {
    // 0 has no sequence: its first item is already "no item".
    std::iter::successors((n > 0).then_some(n), |&n| {
        if n == 1 {
            // Python's loop ends here, after `yield 1`.
            None
        } else if n % 2 == 0 {
            Some(n / 2)
        } else {
            // A step that would not fit in a u64 ends the sequence, with `?`.
            n.checked_mul(3)?.checked_add(1)
        }
    })
}
// ANCHOR_END: solution
