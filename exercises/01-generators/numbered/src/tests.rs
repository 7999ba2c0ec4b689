//! The tests of the `numbered` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::cell::Cell;
use std::rc::Rc;

use crate::numbered::numbered;

fn lines(text: &[&str]) -> Vec<String> {
    text.iter().map(|line| line.to_string()).collect()
}

/// An endless input, "line 1", "", "line 3", "", ...: every other line is blank. It
/// counts the lines read, and stops the test if far more are read than a lazy
/// generator could need.
fn endless(read: Rc<Cell<u32>>) -> impl Iterator<Item = String> {
    (1..).map(move |n| {
        read.set(n);
        assert!(
            n <= 1000,
            "numbered read 1000 lines of an endless input when the test took only a \
             few: it reads ahead (like list(lines) in Python) instead of one line at \
             a time as `next` asks"
        );
        if n % 2 == 1 {
            format!("line {n}")
        } else {
            String::new()
        }
    })
}

#[test]
fn numbers_every_line_and_yields_only_the_non_blank_ones() {
    let got: Vec<String> = numbered(lines(&["a", "", "b", "  ", "c"]).into_iter()).collect();
    assert_eq!(
        got,
        ["1: a", "3: b", "5: c"],
        "the number is the line's place in the input, blank lines included: count \
         every line read, then skip the blank ones (\"  \" is blank too: trim it)"
    );
}

#[test]
fn a_line_is_yielded_as_it_was_read_with_its_own_spaces() {
    let got: Vec<String> =
        numbered(lines(&["  indented", "\t", "two  spaces after  ", " \r"]).into_iter()).collect();
    assert_eq!(
        got,
        ["1:   indented", "3: two  spaces after  "],
        "`line.strip()` in Python only *tests* the line (\"\\t\" and \" \\r\" are \
         blank too); what it yields is `line` itself, spaces and all. Test with \
         `line.trim().is_empty()`, but put the untrimmed line in the string"
    );
}

#[test]
fn blank_lines_at_both_ends_are_read_and_counted() {
    let got: Vec<String> = numbered(lines(&["", " ", "x", "", ""]).into_iter()).collect();
    assert_eq!(got, ["3: x"], "two blank lines before x, so x is line 3");
}

#[test]
fn reads_only_as_far_as_it_yields() {
    let read = Rc::new(Cell::new(0));
    let mut numbers = numbered(endless(Rc::clone(&read)));
    assert_eq!(
        read.get(),
        0,
        "calling numbered(...) read a line already: a generator runs nothing until \
         the first next()"
    );
    assert_eq!(numbers.next().as_deref(), Some("1: line 1"));
    assert_eq!(read.get(), 1, "one line read to yield the first");
    assert_eq!(numbers.next().as_deref(), Some("3: line 3"));
    assert_eq!(
        read.get(),
        3,
        "to yield line 3, read lines 2 (blank, skipped) and 3, and no further"
    );
}

#[test]
fn works_on_an_endless_input() {
    let read = Rc::new(Cell::new(0));
    let first: Vec<String> = numbered(endless(Rc::clone(&read))).take(3).collect();
    assert_eq!(first, ["1: line 1", "3: line 3", "5: line 5"]);
}

#[test]
fn stays_finished_once_the_input_has_run_out() {
    // An input that runs out, then has more: a channel or a file that grows.
    let mut script = vec![Some("a"), None, Some("b"), None].into_iter();
    let input = std::iter::from_fn(move || script.next().flatten().map(String::from));
    let mut numbers = numbered(input);
    let got: Vec<Option<String>> = (0..3).map(|_| numbers.next()).collect();
    assert_eq!(
        got,
        [Some("1: a".to_string()), None, None],
        "after the input ran out the generator has returned, and a returned generator \
         stays finished: do not read the input again once it gave None"
    );
}
