//! WRONG: yields the line trimmed, as Python's `line.strip()` habit would, losing its own spaces.

pub struct Numbered<I> {
    lines: I,
    number: u64,
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
        loop {
            let Some(line) = self.lines.next() else {
                self.finished = true;
                return None;
            };
            self.number += 1;
            let line = line.trim();
            if !line.is_empty() {
                return Some(format!("{}: {line}", self.number));
            }
        }
    }
}
