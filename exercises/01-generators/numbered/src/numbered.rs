//! Exercise 4 (medium): a generator that reads another one, lazily.
//!
//! ```python
//! def numbered(lines):
//!     number = 0
//!     for line in lines:
//!         number += 1
//!         if line.strip():
//!             yield f"{number}: {line}"
//! ```
//!
//! `numbered(["a", "", "b"])` yields `"1: a"` and `"3: b"`: the number is the line's
//! place in the input, blank lines included, and blank lines are not yielded. Like
//! the Python, yours must read its input only as far as it needs to: a generator
//! stopped at `yield` has read no line past the last it yielded, never more, so it
//! works on an endless input (a socket, a log that keeps growing).
//!
//! One more thing Python's `for` gives for free: once the input has run out, the
//! generator has returned, and it stays finished, even if the input would later
//! give more lines.

// ANCHOR: exercise
pub struct Numbered<I> {
    /// The lines still to read.
    lines: I,
    // TODO: what else the generator's frame holds between two `yield`s.
}

pub fn numbered<I: Iterator<Item = String>>(lines: I) -> Numbered<I> {
    Numbered {
        lines,
        // TODO: the rest of the frame, as it is before the first line is read.
    }
}

impl<I: Iterator<Item = String>> Iterator for Numbered<I> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        // TODO: read lines until a non-blank one (numbering every line read), and
        // yield it numbered; once the input runs out, return None from then on.
        let _ = &mut self.lines; // Only silences "unused" warnings: delete it.
        todo!("yield the next non-blank line, numbered")
    }
}
// ANCHOR_END: exercise
