//! WRONG: after running out it starts again from 0 instead of staying finished.

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
        let Some(a) = self.current else {
            // "Reset for the next loop", as if the generator were called again.
            *self = fibonacci();
            return None;
        };
        self.current = self.next;
        self.next = self.next.and_then(|b| a.checked_add(b));
        Some(a)
    }
}
