//! WRONG: reads the whole input into a Vec first (Python's `list(lines)`), so it is not lazy.

pub struct Numbered<I> {
    numbered: std::vec::IntoIter<String>,
    _input: std::marker::PhantomData<I>,
}

pub fn numbered<I: Iterator<Item = String>>(lines: I) -> Numbered<I> {
    let numbered: Vec<String> = lines
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| format!("{}: {line}", index + 1))
        .collect();
    Numbered {
        numbered: numbered.into_iter(),
        _input: std::marker::PhantomData,
    }
}

impl<I: Iterator<Item = String>> Iterator for Numbered<I> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        self.numbered.next()
    }
}
