//! Exercise 1 (easy): a generator in one line, with `std::iter::successors`.
//!
//! ```python
//! def collatz(n):
//!     while n != 1:
//!         yield n
//!         n = n // 2 if n % 2 == 0 else 3 * n + 1
//!     yield 1
//! ```
//!
//! `list(collatz(6))` is `[6, 3, 10, 5, 16, 8, 4, 2, 1]`. Each number depends only
//! on the one before it, which is exactly what `std::iter::successors(first, next)`
//! builds: it yields `first`, then `next(&first)`, then `next` of that, until `next`
//! returns `None` (Rust's `StopIteration`).
//!
//! Two places where Python never stops and yours must:
//! - the sequence ends at 1 (after 1 comes 4, 2, 1 again, forever);
//! - `3 * n + 1` may not fit in a `u64`; then there is no next number, so end there.
//!
//! And `collatz(0)` yields nothing: 0 halves to 0 forever, so it has no sequence.

use std::iter::Successors;

// ANCHOR: exercise
/// The type `successors` returns when its `next` is a plain function: the closure
/// you pass must not capture anything (each step needs only the number before it).
pub type Collatz = Successors<u64, fn(&u64) -> Option<u64>>;

pub fn collatz(n: u64) -> Collatz {
    // TODO: `std::iter::successors(first, |&n| ...)`: the first number (none for
    // 0), and a step that gives the next number, or `None` at 1 or on overflow
    // (`checked_mul`, `checked_add`).
    let _ = n; // Only silences "unused" warnings: delete it.
    todo!("build the Collatz sequence with successors")
}
// ANCHOR_END: exercise
