//! `cargo course reset <exercise>` and `reset --all`: put the stubs back, after asking.
//!
//! An exercise's stub is its crate as git has it in the last commit (`git show
//! HEAD:<path>` for each file), written over the learner's version; only the working
//! copy changes, never git's index or history. Since this throws work away, it asks
//! first (`--yes` skips the question, for scripts), and says which files it touched.

use std::fs;
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::lookup;
use crate::paint;
use crate::state::State;
use crate::syllabus::{Course, Exercise};

/// Returns whether the stubs were restored (a "no" leaves everything as it was).
pub fn command(course: &Course, name: Option<&str>, all: bool, yes: bool) -> Result<bool> {
    let exercises: Vec<&Exercise> = match name {
        Some(name) => vec![lookup::exercise(course, name)?],
        None if all => course.exercises().collect(),
        None => bail!("say which exercise to reset (`cargo course reset fibonacci`), or `--all`"),
    };
    let mut changed = Vec::new();
    for exercise in &exercises {
        for file in committed_files(&course.root, &course.shown(&exercise.dir))? {
            let stub = git(&course.root, &["show", &format!("HEAD:./{file}")])?;
            if fs::read(course.root.join(&file)).ok().as_deref() != Some(stub.as_slice()) {
                changed.push((file, stub));
            }
        }
    }
    let what = match exercises.as_slice() {
        [one] => format!("`{}`", one.name),
        _ => format!("all {} exercises", exercises.len()),
    };
    if changed.is_empty() {
        say!("{what}: already as in the last commit, nothing to reset.");
        return Ok(true);
    }
    if !yes {
        say!("These files differ from their stubs:");
        for (file, _) in &changed {
            say!("  {file}");
        }
        let question = format!("Reset {what} to the stubs? Your changes will be lost. [y/N] ");
        if !confirm(&question)? {
            say!("Nothing changed.");
            return Ok(false);
        }
    }
    for (file, stub) in changed {
        let target = course.root.join(&file);
        fs::write(&target, stub).with_context(|| format!("cannot write {file}"))?;
        say!("{} {file}", paint::green("restored"));
    }
    if all {
        // A fresh start: the hints seen and the results remembered go too.
        let _ = fs::remove_file(course.root.join(".course/state"));
        say!("Your progress is reset too: `cargo course` starts from the first exercise.");
    } else {
        let mut state = State::load(&course.root);
        for exercise in &exercises {
            state.checks.remove(&exercise.id());
        }
        state.save(&course.root)?;
        say!(
            "`cargo course check {}` now fails again, as a fresh exercise does.",
            exercises[0].name
        );
    }
    Ok(true)
}

/// The committed files under `path` (an exercise's crate).
fn committed_files(root: &Path, path: &str) -> Result<Vec<String>> {
    let listing = git(root, &["ls-tree", "-r", "--name-only", "HEAD", "--", path])?;
    let files: Vec<String> = String::from_utf8_lossy(&listing)
        .lines()
        .map(String::from)
        .collect();
    if files.is_empty() {
        bail!("{path} is not in git's last commit, so there is no stub to restore it from");
    }
    Ok(files)
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .current_dir(root)
        .args(args)
        .output()
        .context("cannot run git, which keeps the stubs: is it installed?")?;
    if !output.status.success() {
        bail!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// Asks on the terminal; anything but "y" or "yes" (or no answer at all) is a no.
fn confirm(question: &str) -> Result<bool> {
    print!("{question}");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}
