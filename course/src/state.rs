//! What `cargo course` remembers between two commands: `.course/state`.
//!
//! Two things, per exercise: how many hints were shown, and the result of the last
//! check together with a fingerprint of the files it checked. The tests are the
//! truth; this file only saves re-running them to draw the progress bar, and a
//! result is trusted only while the files still have the fingerprint it was taken
//! with. The format is one plain line per fact, so a curious learner can read it,
//! and deleting the folder starts the course over. The folder ignores itself in git
//! (it holds a `.gitignore` of `*`).
//!
//! A line this version does not understand (written by a newer `cargo course`, after
//! a `git pull` and a `git checkout` of an older commit) is kept as it is at the next
//! save, so going back and forth between versions never loses what the newer one
//! remembered.

use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::syllabus::{Course, Exercise};

#[derive(Default)]
pub struct State {
    /// Exercise id (`01-generators/fibonacci`) -> hints already shown.
    pub hints: BTreeMap<String, usize>,
    /// Exercise id -> the last check's result, for the files as they were then.
    pub checks: BTreeMap<String, Check>,
    /// The lines this version did not understand, in their order: written back as
    /// they were (see the module's introduction).
    kept: Vec<String>,
    /// `hints` and `checks` as loaded, to tell which exercises this run changed.
    loaded: (BTreeMap<String, usize>, BTreeMap<String, Check>),
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Check {
    pub passed: bool,
    pub fingerprint: u64,
}

/// Where an exercise stands, as the overview shows it.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Status {
    /// Every test passed, and nothing changed since.
    Solved,
    /// The last check failed, and nothing changed since.
    Failing,
    /// No `todo!()` left, but not checked since the last change.
    Unchecked,
    /// A `todo!()` is still in it: not started, or not finished.
    Todo,
}

impl State {
    fn path(root: &Path) -> PathBuf {
        root.join(".course").join("state")
    }

    /// The saved state, or a fresh one: a missing or damaged file is not an error,
    /// only a course taken from the start.
    pub fn load(root: &Path) -> State {
        let text = fs::read_to_string(State::path(root)).unwrap_or_default();
        State::parse(&text)
    }

    fn parse(text: &str) -> State {
        let mut state = State::default();
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            let understood = match words.as_slice() {
                [] => true,
                [comment, ..] if comment.starts_with('#') => true,
                ["hints", id, seen] => seen
                    .parse()
                    .map(|seen| state.hints.insert(id.to_string(), seen))
                    .is_ok(),
                ["check", id, result @ ("pass" | "fail"), fingerprint] => {
                    u64::from_str_radix(fingerprint, 16)
                        .map(|fingerprint| {
                            let passed = *result == "pass";
                            state.checks.insert(
                                id.to_string(),
                                Check {
                                    passed,
                                    fingerprint,
                                },
                            )
                        })
                        .is_ok()
                }
                _ => false,
            };
            if !understood {
                state.kept.push(line.to_string());
            }
        }
        state.loaded = (state.hints.clone(), state.checks.clone());
        state
    }

    pub fn save(&self, root: &Path) -> Result<()> {
        folder(root)?;
        let path = State::path(root);
        fs::write(&path, self.text()).with_context(|| format!("cannot write {}", path.display()))
    }

    /// The file's text: ours, then the lines kept from a newer version. A kept line
    /// about an exercise whose hints or check this run changed is dropped (what we
    /// know now is newer); every other one stays as it was.
    fn text(&self) -> String {
        let mut text = String::from(
            "# cargo course: hints shown and the last check of each exercise.\n\
             # Safe to delete: the tests are the truth, this only remembers them.\n",
        );
        for (id, seen) in &self.hints {
            text.push_str(&format!("hints {id} {seen}\n"));
        }
        for (id, check) in &self.checks {
            let result = if check.passed { "pass" } else { "fail" };
            text.push_str(&format!("check {id} {result} {:016x}\n", check.fingerprint));
        }
        let superseded = |line: &str| {
            let mut words = line.split_whitespace();
            match (words.next(), words.next()) {
                (Some("hints"), Some(id)) => self.hints.get(id) != self.loaded.0.get(id),
                (Some("check"), Some(id)) => self.checks.get(id) != self.loaded.1.get(id),
                _ => false,
            }
        };
        for line in self.kept.iter().filter(|line| !superseded(line)) {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    /// Remembers a check of `exercise`, for the files whose fingerprint was taken
    /// before they were compiled (see [`fingerprint`]).
    pub fn record(&mut self, exercise: &Exercise, passed: bool, fingerprint: u64) {
        self.checks.insert(
            exercise.id(),
            Check {
                passed,
                fingerprint,
            },
        );
    }

    pub fn status(&self, course: &Course, exercise: &Exercise) -> Status {
        let current = fingerprint(course, exercise);
        match self.checks.get(&exercise.id()) {
            Some(check) if check.fingerprint == current && check.passed => Status::Solved,
            Some(check) if check.fingerprint == current => Status::Failing,
            _ if has_todo(exercise) => Status::Todo,
            _ => Status::Unchecked,
        }
    }
}

/// `.course/`, created if need be: what `cargo course` keeps for this learner (the
/// state, the commit they started at, the copies `reset` kept). It is the learner's,
/// not the repository's, so it ignores itself in git.
pub fn folder(root: &Path) -> Result<PathBuf> {
    let folder = root.join(".course");
    fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {} for your progress", folder.display()))?;
    fs::write(folder.join(".gitignore"), "*\n")
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    Ok(folder)
}

/// The exercise's files, the tests that judge it among them: if any changes, the
/// last result says nothing about the code as it is now. A check takes it before it
/// compiles, and again once the tests have run: a save in between (an editor's, or
/// `watch`'s learner typing on) means the result is not the files' result.
pub fn fingerprint(course: &Course, exercise: &Exercise) -> u64 {
    let mut hasher = DefaultHasher::new();
    for file in exercise.files() {
        // Relative, so a repository moved elsewhere keeps its progress.
        course.shown(&file).hash(&mut hasher);
        fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
}

fn has_todo(exercise: &Exercise) -> bool {
    fs::read_to_string(exercise.source()).is_ok_and(|text| text.contains("todo!("))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEWER: &str = "\
# cargo course: hints shown and the last check of each exercise.
hints 01-generators/fibonacci 2
check 01-generators/fibonacci pass 00000000000000ff
check 01-generators/countdown pass 00000000000000aa 2025-06-01T12:00:00Z
streak 01-generators 3
";

    #[test]
    fn lines_a_newer_version_wrote_are_kept_as_they_were() {
        let state = State::parse(NEWER);
        assert_eq!(state.hints.get("01-generators/fibonacci"), Some(&2));
        assert!(!state.checks.contains_key("01-generators/countdown"));
        let text = state.text();
        for kept in [
            "check 01-generators/countdown pass 00000000000000aa 2025-06-01T12:00:00Z\n",
            "streak 01-generators 3\n",
            "check 01-generators/fibonacci pass 00000000000000ff\n",
        ] {
            assert!(text.contains(kept), "`{kept}` was lost:\n{text}");
        }
        assert_eq!(
            text.matches("# cargo course:").count(),
            1,
            "our own comments are not repeated:\n{text}"
        );
        // Read again by this version: the same, and the same once more.
        assert_eq!(State::parse(&text).text(), text);
    }

    #[test]
    fn a_kept_line_gives_way_to_what_this_run_changed_about_the_same_exercise() {
        let mut state = State::parse(NEWER);
        state.checks.insert(
            "01-generators/countdown".into(),
            Check {
                passed: false,
                fingerprint: 0xbb,
            },
        );
        let text = state.text();
        assert!(
            text.contains("check 01-generators/countdown fail 00000000000000bb\n"),
            "{text}"
        );
        assert!(
            !text.contains("00000000000000aa"),
            "the older result of a newer format must not come back:\n{text}"
        );
        assert!(text.contains("streak 01-generators 3\n"), "{text}");
    }
}
