//! `cargo course reset <exercise>`: put the stub back, after asking.
//!
//! The stub is the exercise's file as git has it in the last commit (`git show
//! HEAD:<path>`), written over the learner's version; only the working copy changes,
//! never git's index or history. Since this throws work away, it asks first (`--yes`
//! skips the question, for scripts).

use std::fs;
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::lookup;
use crate::paint;
use crate::syllabus::Course;

/// Returns whether the stub was restored (a "no" leaves everything as it was).
pub fn command(course: &Course, name: &str, yes: bool) -> Result<bool> {
    let exercise = lookup::exercise(course, name)?;
    let path = course.shown(&exercise.source);
    let files = committed_files(&course.root, &path)?;
    let mut changed = Vec::new();
    for file in &files {
        let stub = git(&course.root, &["show", &format!("HEAD:./{file}")])?;
        if fs::read(course.root.join(file)).ok().as_deref() != Some(stub.as_slice()) {
            changed.push((file, stub));
        }
    }
    if changed.is_empty() {
        say!("{path} is already as in the last commit: nothing to reset.");
        return Ok(true);
    }
    if !yes
        && !confirm(&format!(
            "Reset {path} to its stub? Your changes to it will be lost. [y/N] "
        ))?
    {
        say!("Nothing changed.");
        return Ok(false);
    }
    for (file, stub) in changed {
        let target = course.root.join(file);
        fs::write(&target, stub).with_context(|| format!("cannot write {file}"))?;
        say!("{} {file}", paint::green("restored"));
    }
    say!(
        "`cargo course check {}` now fails again, as a fresh exercise does.",
        exercise.name
    );
    Ok(true)
}

/// The committed files of the exercise: `src/x.rs`, or every file under `src/x/`.
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
