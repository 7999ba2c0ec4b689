//! WRONG: `a + b` as in Python, where integers never overflow; a u64 does, at F(94).

pub struct Fibonacci {
    a: u64,
    b: u64,
}

pub fn fibonacci() -> Fibonacci {
    Fibonacci { a: 0, b: 1 }
}

impl Iterator for Fibonacci {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let a = self.a;
        (self.a, self.b) = (self.b, self.a + self.b);
        Some(a)
    }
}
