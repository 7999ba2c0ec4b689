//! From what a learner types to a chapter or an exercise.
//!
//! A chapter is its number (`1`, `01`), its name (`generators`) or its folder
//! (`01-generators`). An exercise is its name (`fibonacci`), or the name after a
//! chapter and a slash (`01-generators/fibonacci`, `1/fibonacci`) when two chapters
//! use the same name. A name that matches nothing is an [`Unknown`] error, which
//! lists the valid names and makes the command exit with code 2.

use std::fmt;

use anyhow::Result;

use crate::state::{State, Status};
use crate::syllabus::{Chapter, Course, Exercise};

/// A name that is not in the course; the message lists those that are.
#[derive(Debug)]
pub struct Unknown(pub String);

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unknown {}

pub fn chapter<'c>(course: &'c Course, typed: &str) -> Result<&'c Chapter> {
    if let Some(chapter) = find_chapter(course, typed) {
        return Ok(chapter);
    }
    Err(Unknown(t!(
        "no chapter called `{}`{}. The chapters are:\n{}",
        typed,
        suggestion(typed, course.chapters.iter().map(|c| c.short_name())),
        chapter_list(course, |_| true)
    ))
    .into())
}

/// A chapter that has a binary to run.
pub fn chapter_with_code<'c>(course: &'c Course, typed: &str) -> Result<&'c Chapter> {
    match find_chapter(course, typed) {
        Some(chapter) if chapter.code.is_some() => Ok(chapter),
        found => {
            let why = match found {
                Some(c) => t!("chapter {} has no code to run yet", c.number),
                None => t!("no chapter called `{}`", typed),
            };
            Err(Unknown(t!(
                "{}. The chapters with demos are:\n{}",
                why,
                chapter_list(course, |c| c.code.is_some())
            ))
            .into())
        }
    }
}

fn find_chapter<'c>(course: &'c Course, typed: &str) -> Option<&'c Chapter> {
    let typed = typed.trim().trim_end_matches('/');
    let number: Option<u32> = typed.parse().ok();
    course.chapters.iter().find(|c| {
        Some(c.number) == number || c.slug == typed || c.short_name().eq_ignore_ascii_case(typed)
    })
}

pub fn exercise<'c>(course: &'c Course, typed: &str) -> Result<&'c Exercise> {
    let (chapter, name) = match typed.rsplit_once('/') {
        Some((chapter, name)) => match find_chapter(course, chapter) {
            Some(chapter) => (Some(chapter), name),
            None => return Err(unknown_exercise(course, typed)),
        },
        None => (None, typed),
    };
    let matches: Vec<&Exercise> = course
        .exercises()
        .filter(|e| e.name == name && chapter.is_none_or(|c| c.slug == e.chapter))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(unknown_exercise(course, typed)),
        several => Err(Unknown(t!(
            "`{}` is in more than one chapter; say which: {}",
            typed,
            several
                .iter()
                .map(|e| e.id())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .into()),
    }
}

/// The first exercise, in course order, that is not solved: what `check`, `watch`
/// and `hint` work on when no exercise is named. `None` once all are solved (or
/// while the course has none).
pub fn current<'c>(course: &'c Course, state: &State) -> Option<&'c Exercise> {
    course
        .exercises()
        .find(|e| state.status(course, e) != Status::Solved)
}

/// The first exercise not solved that comes after `just` in course order, going
/// round to the start after the last: what to do after `just` passed. A learner
/// who skipped ahead goes on from where they are, not back to the first gap.
pub fn after<'c>(course: &'c Course, state: &State, just: &Exercise) -> Option<&'c Exercise> {
    let all: Vec<&Exercise> = course.exercises().collect();
    let position = all.iter().position(|e| e.id() == just.id())?;
    let (to_just, after_just) = all.split_at(position + 1);
    after_just
        .iter()
        .chain(to_just)
        .copied()
        .find(|e| state.status(course, e) != Status::Solved)
}

fn unknown_exercise(course: &Course, typed: &str) -> anyhow::Error {
    let mut list = String::new();
    for chapter in course.chapters.iter().filter(|c| !c.exercises.is_empty()) {
        let names: Vec<&str> = chapter.exercises.iter().map(|e| e.name.as_str()).collect();
        list.push_str(&format!("  {:<28} {}\n", chapter.slug, names.join(", ")));
    }
    if list.is_empty() {
        list.push_str(t!(
            "  (none yet: the chapters' exercises are still being written)"
        ));
        list.push('\n');
    }
    let name = typed.rsplit('/').next().unwrap_or(typed);
    Unknown(t!(
        "no exercise called `{}`{}. The exercises are:\n{}",
        typed,
        suggestion(name, course.exercises().map(|e| e.name.as_str())),
        list.trim_end()
    ))
    .into()
}

fn chapter_list(course: &Course, keep: impl Fn(&Chapter) -> bool) -> String {
    let lines: Vec<String> = course
        .chapters
        .iter()
        .filter(|c| keep(c))
        .map(|c| {
            let title = crate::language::chapter_title(&course.root, c.number, &c.title);
            format!("  {:>2}  {:<28} {title}", c.number, c.slug)
        })
        .collect();
    if lines.is_empty() {
        return t!("  (none yet)").to_string();
    }
    lines.join("\n")
}

/// ", did you mean `fibonacci`?" for a name one or two typos away from a real one.
fn suggestion<'a>(typed: &str, names: impl Iterator<Item = &'a str>) -> String {
    let typed = typed.rsplit('/').next().unwrap_or(typed);
    names
        .map(|name| (distance(typed, name), name))
        .filter(|(d, name)| *d > 0 && *d <= 2.max(name.len() / 4))
        .min()
        .map(|(_, name)| t!(" (did you mean `{}`?)", name))
        .unwrap_or_default()
}

/// Levenshtein distance: the fewest one-letter edits from `a` to `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            row.push(substitute.min(previous[j + 1] + 1).min(row[j] + 1));
        }
        previous = row;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_is_one_or_two_edits_away() {
        assert_eq!(distance("fibonaci", "fibonacci"), 1);
        assert_eq!(distance("countdown", "countdown"), 0);
        assert_eq!(distance("fiboancci", "fibonacci"), 2);
        assert_eq!(
            suggestion("fibonaci", ["countdown", "fibonacci"].into_iter()),
            " (did you mean `fibonacci`?)"
        );
        assert_eq!(
            suggestion("zzz", ["countdown", "fibonacci"].into_iter()),
            ""
        );
    }
}
