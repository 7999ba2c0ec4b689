//! WRONG: no "returned" state, so it reads the input again after it ran out.

pub struct Numbered<I> {
    lines: I,
    number: u64,
}

pub fn numbered<I: Iterator<Item = String>>(lines: I) -> Numbered<I> {
    Numbered { lines, number: 0 }
}

impl<I: Iterator<Item = String>> Iterator for Numbered<I> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        loop {
            let line = self.lines.next()?;
            self.number += 1;
            if !line.trim().is_empty() {
                return Some(format!("{}: {line}", self.number));
            }
        }
    }
}
