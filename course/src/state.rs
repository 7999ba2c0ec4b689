//! What `cargo course` remembers between two commands: `.course/state`.
//!
//! Two things, per exercise: how many hints were shown, and the result of the last
//! check together with a fingerprint of the files it checked. The tests are the
//! truth; this file only saves re-running them to draw the progress bar, and a
//! result is trusted only while the files still have the fingerprint it was taken
//! with. The format is one plain line per fact, so a curious learner can read it,
//! and deleting the folder starts the course over. The folder ignores itself in git
//! (it holds a `.gitignore` of `*`).

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
        let mut state = State::default();
        for line in text.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["hints", id, seen] => {
                    if let Ok(seen) = seen.parse() {
                        state.hints.insert(id.to_string(), seen);
                    }
                }
                ["check", id, result, fingerprint] => {
                    if let Ok(fingerprint) = u64::from_str_radix(fingerprint, 16) {
                        let passed = *result == "pass";
                        state.checks.insert(
                            id.to_string(),
                            Check {
                                passed,
                                fingerprint,
                            },
                        );
                    }
                }
                _ => {}
            }
        }
        state
    }

    pub fn save(&self, root: &Path) -> Result<()> {
        let path = State::path(root);
        let folder = root.join(".course");
        fs::create_dir_all(&folder)
            .with_context(|| format!("cannot create {} for your progress", folder.display()))?;
        // Progress is the learner's, not the repository's.
        fs::write(folder.join(".gitignore"), "*\n")
            .with_context(|| format!("cannot write in {}", folder.display()))?;
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
        fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
    }

    pub fn record(&mut self, course: &Course, exercise: &Exercise, passed: bool) {
        let fingerprint = fingerprint(course, exercise);
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

/// The exercise's files, the tests that judge it among them: if any changes, the
/// last result says nothing about the code as it is now.
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
