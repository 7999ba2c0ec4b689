//! `cargo course hint [exercise]`: an exercise's hints, one at a time.
//!
//! The one source of hints is the exercise's own `hints.md`, beside its code. The
//! book folds the same file into the chapter's exercise page
//! (`{{#include ../../../exercises/NN-name/<exercise>/hints.md}}`), so the page and
//! this command can never disagree. The file is a list of blocks of one shape:
//!
//! ```markdown
//! <details>
//! <summary>Hint 1: where the state lives</summary>
//!
//! The hint, in markdown.
//!
//! </details>
//! ```
//!
//! Which hints a learner has seen is remembered in the state file, so each call
//! shows the next one: looking is a choice, one step at a time.

use std::fs;

use anyhow::{Context, Result};

use crate::language;
use crate::lookup;
use crate::paint;
use crate::state::State;
use crate::syllabus::{Course, Exercise};

#[derive(Debug, PartialEq)]
pub struct Hint {
    /// The `<summary>`: "Hint 1: what goes in the struct".
    pub title: String,
    /// The folded text, as markdown.
    pub body: String,
}

/// The `<details>` blocks of a hints file, in order.
pub fn parse(markdown: &str) -> Vec<Hint> {
    let mut hints = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("<details") {
        let Some(length) = rest[start..].find("</details>") else {
            break;
        };
        hints.push(hint_of(&rest[start..start + length]));
        rest = &rest[start + length + "</details>".len()..];
    }
    hints
}

/// The hints of one exercise; none when it has no `hints.md` (which `verify` refuses).
pub fn of(exercise: &Exercise) -> Vec<Hint> {
    parse(&fs::read_to_string(exercise.hints_file()).unwrap_or_default())
}

/// Shows the next hint not yet seen, and remembers that it was seen.
pub fn command(course: &Course, name: Option<&str>, again: bool) -> Result<()> {
    let mut state = State::load(&course.root);
    let exercise = match name {
        Some(name) => lookup::exercise(course, name)?,
        None => lookup::current(course, &state).context(t!(
            "no exercise is left to solve: name the one you want a hint for (`cargo course hint <exercise>`)"
        ))?,
    };
    if again {
        state.hints.remove(&exercise.id());
    }
    show_next(course, &mut state, exercise);
    state.save(&course.root)
}

/// Prints the hint after the last one seen (or says there are no more) and counts it
/// as seen. `watch` calls this for its `h` key.
pub fn show_next(course: &Course, state: &mut State, exercise: &Exercise) {
    let hints = of(exercise);
    if hints.is_empty() {
        say!(
            "{}",
            t!(
                "`{}` has no hints yet ({}). The test messages say what each test expects.",
                exercise.name,
                course.shown(&exercise.hints_file())
            )
        );
        return;
    }
    let id = exercise.id();
    let seen = state.hints.get(&id).copied().unwrap_or(0);
    let Some(hint) = hints.get(seen) else {
        say!(
            "{}",
            t!(
                "No more hints for `{}`: you have seen all {}. `cargo course hint {} --again` shows them from the first.",
                exercise.name,
                hints.len(),
                exercise.name
            )
        );
        if let Some(solution) = exercise.solution_source() {
            say!(
                "{}",
                t!(
                    "The solution is {}; the chapter's Solutions page in the book explains it.",
                    course.shown(&solution)
                )
            );
        }
        return;
    };
    say!(
        "{}",
        paint::bold(&t!(
            "`{}`, hint {} of {}: {}",
            exercise.name,
            seen + 1,
            hints.len(),
            language::title(without_number(&hint.title))
        ))
    );
    say!();
    for line in language::hint_body(&course.root, &hint.body).lines() {
        say!("  {line}");
    }
    say!();
    match hints.len() - seen - 1 {
        0 => say!("{}", t!("That was the last hint for `{}`.", exercise.name)),
        more => say!(
            "{}",
            t!(
                "{} more: `cargo course hint {}` again when you want the next.",
                more,
                exercise.name
            )
        ),
    }
    state.hints.insert(id, seen + 1);
}

/// "Hint 2: how to stop" -> "how to stop": the count is shown already.
fn without_number(title: &str) -> &str {
    let Some(rest) = title.strip_prefix("Hint") else {
        return title;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    match rest.strip_prefix(':') {
        Some(text) if !text.trim().is_empty() => text.trim(),
        _ => title,
    }
}

/// Splits a `<details>` block (without its closing tag) into summary and body.
fn hint_of(block: &str) -> Hint {
    let (title, body) = match (block.find("<summary>"), block.find("</summary>")) {
        (Some(start), Some(end)) if start < end => (
            &block[start + "<summary>".len()..end],
            &block[end + "</summary>".len()..],
        ),
        // No summary: everything after the opening tag is the hint.
        _ => ("Hint", block.split_once('>').map_or("", |(_, body)| body)),
    };
    Hint {
        title: strip_tags(title)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        body: body.trim_matches('\n').trim_end().to_string(),
    }
}

fn strip_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "<details>\n<summary>Hint 1: the struct</summary>\n\nTwo numbers.\n\n</details>\n\n\
        <details><summary>Hint 2: <b>stopping</b></summary>Use `checked_add`.</details>\n\n\
        <details>\n<summary>\nHint 3: the end\n</summary>\n\n```rust\nlet x = 1;\n```\n</details>\n";

    #[test]
    fn each_details_block_is_a_hint_in_order() {
        let hints = parse(FILE);
        let titles: Vec<&str> = hints.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Hint 1: the struct", "Hint 2: stopping", "Hint 3: the end"]
        );
        assert_eq!(hints[0].body, "Two numbers.");
        assert_eq!(hints[1].body, "Use `checked_add`.");
        assert_eq!(hints[2].body, "```rust\nlet x = 1;\n```");
    }

    #[test]
    fn a_file_without_details_blocks_has_no_hints() {
        assert!(parse("# Hints\n\nNone yet.\n").is_empty());
        assert!(parse("<details><summary>never closed").is_empty());
    }

    #[test]
    fn the_title_loses_its_number_for_the_heading() {
        assert_eq!(without_number("Hint 2: how to stop"), "how to stop");
        assert_eq!(without_number("Hint 2"), "Hint 2");
        assert_eq!(without_number("A note"), "A note");
    }
}
