//! Exercise 2, solved: the Fibonacci generator as an `Iterator`.

// ANCHOR: solution
/// Python's frame holds `a` and `b`; so does the struct. `None` in `current` means
/// the sequence has ended: the next number did not fit.
pub struct Fibonacci {
    current: Option<u64>,
    next: Option<u64>,
}

pub fn fibonacci() -> Fibonacci {
    Fibonacci {
        current: Some(0),
        next: Some(1),
    }
}

impl Iterator for Fibonacci {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let a = self.current?;
        // a, b = b, a + b, where `a + b` may not exist.
        self.current = self.next;
        self.next = self.next.and_then(|b| a.checked_add(b));
        Some(a)
    }
}
// ANCHOR_END: solution
