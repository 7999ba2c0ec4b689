//! `cargo course run <chapter> [demo] [options]`: a chapter's demos.
//!
//! The same as `cargo run -p chNN-name -- [demo]`, without having to remember the
//! package name: the chapter may be given by number or name, and everything after it
//! goes to the chapter's binary (`cargo course run 1 --list`). The build shows
//! cargo's progress (a chapter's first build takes a few seconds); then the binary
//! runs on the terminal directly, and its exit code is ours.

use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{Context, Result};

use crate::compile;
use crate::lookup;
use crate::syllabus::Course;

pub fn command(course: &Course, chapter: &str, args: &[String]) -> Result<ExitCode> {
    let chapter = lookup::chapter_with_code(course, chapter)?;
    let package = chapter
        .code
        .as_deref()
        .context("a chapter with code has a package")?;
    let dir = course.root.join("chapters").join(&chapter.slug);
    let built = compile::binaries(&course.root, package, false)?;
    if !built.ok {
        // Cargo has shown its errors.
        return Ok(ExitCode::FAILURE);
    }
    let binary = binary_of(&built, &dir, package)
        .with_context(|| format!("cargo built no binary for {package}"))?;
    let status = Command::new(binary)
        .args(args)
        .status()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    // The chapter's own exit code (2 for an unknown demo) is the learner's answer.
    let code = status.code().unwrap_or(1);
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
}

/// The binary named after the package, or the crate's only one.
fn binary_of<'b>(built: &'b compile::Built, dir: &Path, package: &str) -> Option<&'b Path> {
    let manifest = dir.join("Cargo.toml");
    let theirs: Vec<&Path> = built
        .executables
        .iter()
        .filter(|(crate_manifest, _)| {
            *crate_manifest == manifest
                || crate_manifest.canonicalize().ok() == manifest.canonicalize().ok()
        })
        .map(|(_, binary)| binary.as_path())
        .collect();
    theirs
        .iter()
        .find(|binary| binary.file_stem().is_some_and(|stem| stem == package))
        .or(theirs.first())
        .copied()
}
