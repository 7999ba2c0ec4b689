//! WRONG: ends when `a + b` overflows, though `b` (F(93), which fits) was never yielded.

pub struct Fibonacci {
    a: u64,
    b: u64,
    done: bool,
}

pub fn fibonacci() -> Fibonacci {
    Fibonacci {
        a: 0,
        b: 1,
        done: false,
    }
}

impl Iterator for Fibonacci {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        if self.done {
            return None;
        }
        let a = self.a;
        match self.a.checked_add(self.b) {
            Some(sum) => (self.a, self.b) = (self.b, sum),
            // "No next number, so this is the last one."
            None => self.done = true,
        }
        Some(a)
    }
}
