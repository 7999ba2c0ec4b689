//! `cargo course run <chapter> [demo] [options]`: a chapter's demos.
//!
//! The same as `cargo run -q -p chNN-name -- [demo]`, without having to remember the
//! package name: the chapter may be given by number or name, and everything after it
//! goes to the chapter's binary (`cargo course run 1 --list`).

use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::lookup;
use crate::syllabus::Course;
use crate::test_run::cargo;

pub fn command(course: &Course, chapter: &str, args: &[String]) -> Result<ExitCode> {
    let chapter = lookup::chapter_with_code(course, chapter)?;
    let package = chapter
        .code
        .as_ref()
        .map(|code| code.name.as_str())
        .context("a chapter with code has a package")?;
    let status = cargo()
        .current_dir(&course.root)
        .args(["run", "-q", "-p", package, "--"])
        .args(args)
        .status()
        .with_context(|| format!("cannot run `cargo run -p {package}`: is cargo installed?"))?;
    // The chapter's own exit code (2 for an unknown demo) is the learner's answer.
    let code = status.code().unwrap_or(1);
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
}
