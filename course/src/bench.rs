//! `cargo course bench`: chapter 5's benchmark, with your own runtime as a column.
//!
//! The exercise track of chapter 5 builds a runtime by hand; the chapter's bench
//! compares tokio, smol and the chapter's own loop, and, built with its `learner`
//! feature, the runtime from your solved exercises too: your loop in the
//! single-thread table, your step 7 in the multi-thread one (2 workers; pass
//! `--workers N` or `--scaling` after `bench`). It is
//! `cargo run --release -p ch05-event-loop --features learner -- bench --learner`,
//! spelled out so nobody has to remember it. Release mode: a benchmark of debug
//! code measures the debug build, not the idea.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::compile::cargo;
use crate::syllabus::Course;

pub const PACKAGE: &str = "ch05-event-loop";

pub fn command(course: &Course, args: &[String]) -> Result<ExitCode> {
    let Some(chapter) = course
        .chapters
        .iter()
        .find(|c| c.code.as_deref() == Some(PACKAGE))
    else {
        bail!("the course has no {PACKAGE} package yet, so there is nothing to benchmark");
    };
    let manifest = course
        .root
        .join("chapters")
        .join(&chapter.slug)
        .join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap_or_default();
    let has_feature = text
        .lines()
        .any(|line| line.trim_start().starts_with("learner") && line.contains('='));
    if !has_feature {
        bail!(
            "{} has no `learner` feature yet: the bench cannot include your runtime. \
             `cargo run --release -p {PACKAGE} -- bench` runs it without.",
            course.shown(&manifest)
        );
    }
    say!("Building chapter 5 in release mode, then running its benchmark (a few minutes)...");
    let status = cargo()
        .current_dir(&course.root)
        .args([
            "run",
            "--release",
            "-p",
            PACKAGE,
            "--features",
            "learner",
            "--",
        ])
        .args(["bench", "--learner"])
        .args(args)
        .status()
        .context("cannot run cargo: is Rust installed?")?;
    let code = status.code().unwrap_or(1);
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
}
