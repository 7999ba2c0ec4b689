//! Exercise 2 (easy): the Fibonacci generator as an `Iterator`.
//!
//! ```python
//! def fibonacci():
//!     a, b = 0, 1
//!     while True:
//!         yield a
//!         a, b = b, a + b
//! ```
//!
//! Python's integers never overflow, so its generator never ends. A `u64` holds the
//! first 94 Fibonacci numbers; yours must yield exactly those, then return `None`
//! (Rust's `StopIteration`) instead of overflowing, and keep returning `None`.

// ANCHOR: exercise
pub struct Fibonacci {
    // TODO: the fields: what the generator's frame holds between two `yield`s.
}

pub fn fibonacci() -> Fibonacci {
    // TODO: a Fibonacci whose first `next()` yields 0.
    todo!("create the Fibonacci iterator")
}

impl Iterator for Fibonacci {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        // TODO: yield the current number and step forward; `checked_add` tells you
        // when the next number would not fit in a u64.
        todo!("yield the next Fibonacci number")
    }
}
// ANCHOR_END: exercise
