//! `cargo course hint <exercise>`: the book's hints, one at a time.
//!
//! The one source of hints is the chapter's exercise page,
//! `book/src/NN-name/exercises.md`: a heading names the exercise in backticks
//! ("## Exercise 1: `fibonacci` (easy)") and the hints follow it, each folded in a
//! `<details><summary>Hint 1: ...</summary> ... </details>` block. The parser is
//! lenient: any heading level, the summary on its own line or not, and a heading
//! without backticks ends the exercise's section. Which hints a learner has seen is
//! remembered in the state file, so each call shows the next one.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::lookup;
use crate::paint;
use crate::state::State;
use crate::syllabus::{Course, Exercise};

/// One exercise's part of the page.
#[derive(Debug, PartialEq)]
pub struct Section {
    pub name: String,
    pub level: Option<String>,
    pub hints: Vec<Hint>,
}

#[derive(Debug, PartialEq)]
pub struct Hint {
    /// The `<summary>`: "Hint 1: what goes in the struct".
    pub title: String,
    /// The folded text, as markdown.
    pub body: String,
}

/// Reads the page's sections; a page that is missing or not yet written has none.
pub fn parse(markdown: &str) -> Vec<Section> {
    let mut sections: Vec<(usize, Section)> = Vec::new();
    let mut open: Option<usize> = None; // depth of the heading of the current section
    let mut details: Option<String> = None; // the text of a `<details>` being read
    for line in markdown.lines() {
        if let Some(text) = details.as_mut() {
            text.push_str(line);
            text.push('\n');
            if line.contains("</details>") {
                let hint = hint_of(&details.take().unwrap_or_default());
                if let (Some(_), Some((_, section))) = (open, sections.last_mut()) {
                    section.hints.push(hint);
                }
            }
            continue;
        }
        if line.trim_start().starts_with("<details") {
            let mut text = line.to_string();
            text.push('\n');
            if line.contains("</details>") {
                if let (Some(_), Some((_, section))) = (open, sections.last_mut()) {
                    section.hints.push(hint_of(&text));
                }
            } else {
                details = Some(text);
            }
            continue;
        }
        let depth = line.chars().take_while(|c| *c == '#').count();
        if depth == 0 || !line[depth..].starts_with(' ') {
            continue;
        }
        match first_code_span(line) {
            Some(name) => {
                sections.push((
                    depth,
                    Section {
                        name,
                        level: level_of(line),
                        hints: Vec::new(),
                    },
                ));
                open = Some(depth);
            }
            // "## What next": a heading as high as the exercise's ends its section.
            None if open.is_some_and(|d| depth <= d) => open = None,
            None => {}
        }
    }
    sections.into_iter().map(|(_, section)| section).collect()
}

/// Each exercise's level ("easy") as its heading gives it, for the overview.
pub fn levels(page: &Path) -> BTreeMap<String, String> {
    let markdown = fs::read_to_string(page).unwrap_or_default();
    parse(&markdown)
        .into_iter()
        .filter_map(|s| Some((s.name, s.level?)))
        .collect()
}

/// The hints of one exercise, with `{{#include}}`s replaced by what they include.
pub fn of(course: &Course, exercise: &Exercise) -> Vec<Hint> {
    let page = page_of(course, exercise);
    let markdown = fs::read_to_string(&page).unwrap_or_default();
    let folder = page.parent().unwrap_or(&course.root);
    parse(&markdown)
        .into_iter()
        .find(|s| s.name == exercise.name)
        .map(|s| s.hints)
        .unwrap_or_default()
        .into_iter()
        .map(|hint| Hint {
            body: resolve_includes(&hint.body, folder),
            ..hint
        })
        .collect()
}

fn page_of(course: &Course, exercise: &Exercise) -> std::path::PathBuf {
    course
        .root
        .join("book/src")
        .join(&exercise.chapter)
        .join("exercises.md")
}

/// Shows the next hint not yet seen, and remembers that it was seen.
pub fn command(course: &Course, name: Option<&str>, again: bool) -> Result<()> {
    let mut state = State::load(&course.root);
    let exercise = match name {
        Some(name) => lookup::exercise(course, name)?,
        None => lookup::current(course, &state).context(
            "no exercise is left to solve: name the one you want a hint for (`cargo course hint <exercise>`)",
        )?,
    };
    let hints = of(course, exercise);
    let page = course.shown(&page_of(course, exercise));
    if hints.is_empty() {
        say!(
            "The book has no hints for `{}` yet ({page}). The test messages say what each test expects.",
            exercise.name
        );
        return Ok(());
    }
    let id = exercise.id();
    if again {
        state.hints.remove(&id);
    }
    let seen = state.hints.get(&id).copied().unwrap_or(0);
    let Some(hint) = hints.get(seen) else {
        say!(
            "No more hints for `{}`: you have seen all {}. `cargo course hint {} --again` shows them from the first.",
            exercise.name,
            hints.len(),
            exercise.name
        );
        if let Some(solutions) = course
            .chapter(&exercise.chapter)
            .and_then(|c| c.solutions.as_ref())
        {
            say!(
                "The solution is in {}/src/, and the chapter's Solutions page in the book explains it.",
                course.shown(&solutions.dir)
            );
        }
        return Ok(());
    };
    say!(
        "{}",
        paint::bold(&format!(
            "`{}`, hint {} of {}: {}",
            exercise.name,
            seen + 1,
            hints.len(),
            without_number(&hint.title)
        ))
    );
    say!();
    for line in hint.body.lines() {
        say!("  {line}");
    }
    say!();
    match hints.len() - seen - 1 {
        0 => say!("That was the last hint for `{}`.", exercise.name),
        more => say!(
            "{more} more: `cargo course hint {}` again when you want the next.",
            exercise.name
        ),
    }
    state.hints.insert(id, seen + 1);
    state.save(&course.root)
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

/// Splits a `<details>` block into its summary and its body.
fn hint_of(block: &str) -> Hint {
    let (title, body) = match (block.find("<summary>"), block.find("</summary>")) {
        (Some(start), Some(end)) if start < end => (
            block[start + "<summary>".len()..end].to_string(),
            block[end + "</summary>".len()..].to_string(),
        ),
        _ => (String::from("Hint"), block.to_string()),
    };
    let body = body
        .replace("</details>", "")
        .lines()
        .filter(|line| !line.trim_start().starts_with("<details"))
        .collect::<Vec<_>>()
        .join("\n");
    Hint {
        title: strip_tags(&title)
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

/// The first `code span` of a heading: the exercise's module name, if it is one.
fn first_code_span(line: &str) -> Option<String> {
    let (_, rest) = line.split_once('`')?;
    let (name, _) = rest.split_once('`')?;
    let is_identifier = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    is_identifier.then(|| name.to_string())
}

/// "(easy)" at the end of a heading.
fn level_of(heading: &str) -> Option<String> {
    let inner = heading.trim_end().strip_suffix(')')?;
    let (_, level) = inner.rsplit_once('(')?;
    (!level.is_empty() && level.len() <= 20).then(|| level.to_string())
}

/// `{{#include path}}` and `{{#include path:anchor}}` as mdbook would render them, so a
/// hint that shows code shows the code and not the directive.
fn resolve_includes(body: &str, folder: &Path) -> String {
    let mut out = Vec::new();
    for line in body.lines() {
        let directive = line
            .trim()
            .strip_prefix("{{#include ")
            .and_then(|rest| rest.strip_suffix("}}"));
        let Some(target) = directive.map(str::trim) else {
            out.push(line.to_string());
            continue;
        };
        let (file, anchor) = match target.rsplit_once(':') {
            Some((file, anchor)) if !anchor.contains('/') => (file, Some(anchor)),
            _ => (target, None),
        };
        match fs::read_to_string(folder.join(file)) {
            Ok(text) => out.extend(anchored(&text, anchor)),
            Err(_) => out.push(line.to_string()),
        }
    }
    out.join("\n")
}

fn anchored(text: &str, anchor: Option<&str>) -> Vec<String> {
    let Some(anchor) = anchor else {
        return text.lines().map(String::from).collect();
    };
    let mut inside = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.contains(&format!("ANCHOR: {anchor}")) {
            inside = true;
        } else if line.contains(&format!("ANCHOR_END: {anchor}")) {
            inside = false;
        } else if inside && !line.contains("ANCHOR") {
            lines.push(line.to_string());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# Exercises\n\nIntro with `code` that is no exercise.\n\n\
        ## Exercise 1: `fibonacci` (easy)\n\nText.\n\n\
        <details>\n<summary>Hint 1: the struct</summary>\n\nTwo numbers.\n\n</details>\n\n\
        <details><summary>Hint 2: <b>stopping</b></summary>Use `checked_add`.</details>\n\n\
        ### A note inside the exercise\n\n\
        <details>\n<summary>\nHint 3: the end\n</summary>\n\nF(93) fits.\n</details>\n\n\
        ## Exercise 2: `countdown`\n\n\
        ## What next\n\n<details><summary>Not a hint</summary>x</details>\n";

    #[test]
    fn each_exercise_gets_the_details_blocks_under_its_heading() {
        let sections = parse(PAGE);
        let names: Vec<&str> = sections.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["fibonacci", "countdown"],
            "a code span outside a heading names nothing"
        );
        let fibonacci = &sections[0];
        assert_eq!(fibonacci.level.as_deref(), Some("easy"));
        let titles: Vec<&str> = fibonacci.hints.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Hint 1: the struct", "Hint 2: stopping", "Hint 3: the end"]
        );
        assert_eq!(fibonacci.hints[0].body, "Two numbers.");
        assert_eq!(fibonacci.hints[1].body, "Use `checked_add`.");
        assert_eq!(fibonacci.hints[2].body, "F(93) fits.");
    }

    #[test]
    fn a_heading_without_an_exercise_ends_the_section() {
        let sections = parse(PAGE);
        assert_eq!(sections[1].name, "countdown");
        assert!(sections[1].hints.is_empty(), "{:?}", sections[1].hints);
        assert_eq!(sections[1].level, None);
    }

    #[test]
    fn an_anchor_include_keeps_only_the_lines_between_the_markers() {
        let text = "a\n// ANCHOR: x\nb\nc\n// ANCHOR_END: x\nd\n";
        assert_eq!(anchored(text, Some("x")), ["b", "c"]);
        assert_eq!(anchored(text, None).len(), 6);
    }
}
