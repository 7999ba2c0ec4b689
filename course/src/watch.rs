//! `cargo course watch`: check again every time an exercise file is saved.
//!
//! The operating system reports file events (through the notify crate: inotify,
//! FSEvents, ReadDirectoryChanges), and the debouncer gathers the burst an editor
//! makes when it saves into one event. A save in an exercise's file checks that
//! exercise; a save anywhere else under `exercises/` checks the current one. Once an
//! exercise passes, the next save of the next one moves on by itself. Ctrl-C stops.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};

use crate::check;
use crate::lookup;
use crate::paint;
use crate::progress;
use crate::state::State;
use crate::syllabus::Course;

/// Editors save in bursts (write, rename, chmod); 200 ms gathers one save.
const SETTLE: Duration = Duration::from_millis(200);

pub fn command(course: &Course, first: Option<&str>) -> Result<bool> {
    let root = course.root.clone();
    let mut state = State::load(&root);
    let exercise = match first {
        Some(name) => lookup::exercise(course, name)?,
        None => match lookup::current(course, &state) {
            Some(exercise) => exercise,
            None => {
                progress::next_step(course, &state);
                return Ok(true);
            }
        },
    };
    check::one(course, &mut state, exercise)?;

    let (events, saves) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(SETTLE, events).context("cannot watch files here")?;
    let folder = root.join("exercises");
    debouncer
        .watcher()
        .watch(&folder, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", folder.display()))?;
    loop {
        say!(
            "{}",
            paint::dim("Watching exercises/: save a file to check it again. Ctrl-C stops.")
        );
        let saved = loop {
            let batch = saves
                .recv()
                .context("the file watcher stopped")?
                .map_err(|error| anyhow::anyhow!("the file watcher failed: {error}"))?;
            let sources: Vec<PathBuf> = batch
                .into_iter()
                .map(|event| event.path)
                .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
                .collect();
            if !sources.is_empty() {
                break sources;
            }
        };
        // Re-read everything: the learner may have added a file, and chapters grow.
        let course = Course::read(root.clone())?;
        let mut state = State::load(&root);
        let exercise = match course.exercises().find(|e| owns(&e.files(), &saved)) {
            Some(exercise) => exercise,
            None => match lookup::current(&course, &state) {
                Some(exercise) => exercise,
                None => {
                    say!("{}", paint::green("Every exercise is solved."));
                    return Ok(true);
                }
            },
        };
        say!();
        check::one(&course, &mut state, exercise)?;
        if lookup::current(&course, &state).is_none() {
            // `check` has just said "All N exercises solved".
            return Ok(true);
        }
    }
}

/// Whether one of the saved paths is one of the exercise's files. Paths from the
/// watcher may be spelled differently (symlinks, `..`), so both are canonicalised.
fn owns(files: &[PathBuf], saved: &[PathBuf]) -> bool {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let saved: Vec<PathBuf> = saved.iter().map(|p| canonical(p)).collect();
    files.iter().any(|file| saved.contains(&canonical(file)))
}
