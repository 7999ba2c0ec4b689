//! Exercise 4, solved: a generator that reads another one, lazily.

// ANCHOR: solution
pub struct Numbered<I> {
    /// The lines still to read.
    lines: I,
    /// The number of the last line read (Python's `number`).
    number: u64,
    /// The body has returned: the input ran out once, so never read it again.
    finished: bool,
}

pub fn numbered<I: Iterator<Item = String>>(lines: I) -> Numbered<I> {
    Numbered {
        lines,
        number: 0,
        finished: false,
    }
}

impl<I: Iterator<Item = String>> Iterator for Numbered<I> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if self.finished {
            return None;
        }
        // One `next` runs the body from its last `yield` to the next one, which may
        // read several lines: the blank ones are counted and skipped.
        loop {
            let Some(line) = self.lines.next() else {
                self.finished = true;
                return None;
            };
            self.number += 1;
            if !line.trim().is_empty() {
                return Some(format!("{}: {line}", self.number));
            }
        }
    }
}
// ANCHOR_END: solution
