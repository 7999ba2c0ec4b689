//! WRONG: stops when the *next* number would overflow, before yielding the last one that fits.

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
            None => {
                self.done = true;
                return None;
            }
        }
        Some(a)
    }
}
