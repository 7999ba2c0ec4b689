//! Running a chapter binary from its tests, as a learner runs it.
//!
//! Every chapter binary selects demos the same way (see [`crate::demo`]), so every
//! chapter's command-line tests share two things: running the binary and reading
//! what it printed ([`run`]), and the checks that any chapter binary must pass
//! ([`assert_selects_demos`]), the closed pipes among them ([`run_with_closed`]).
//! Chapter tests add only what is particular to them.

use std::process::{Command, Stdio};

use crate::demo::CLOSED_PIPE;

/// What one run of a binary printed, and how it exited.
#[derive(Debug)]
pub struct Ran {
    /// The exit code; `None` if a signal killed it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    pub fn succeeded(&self) -> bool {
        self.code == Some(0)
    }

    /// The demo names, in order, from the output of `--list`.
    pub fn listed_names(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .map(String::from)
            .collect()
    }
}

/// Run `binary` (from `env!("CARGO_BIN_EXE_<name>")`) with `args` and wait for it.
pub fn run(binary: &str, args: &[&str]) -> Ran {
    let output = Command::new(binary)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("could not start {binary}: {error}"));
    Ran {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Which of a program's outputs goes into a pipe whose reader is gone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Closed {
    Stdout,
    Stderr,
}

/// Run `binary` with `args`, its `closed` output a pipe nobody reads any more, as in
/// `binary | head -1` once `head` has its line (the other output is captured).
///
/// The pipe is made closed before the program starts, so the test does not depend
/// on who is faster: it is the standard input of a short-lived process (the binary
/// itself, run with `--help`), which has exited before ours begins.
pub fn run_with_closed(binary: &str, args: &[&str], closed: Closed) -> Ran {
    let mut reader = Command::new(binary)
        .arg("--help")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|error| panic!("could not start {binary}: {error}"));
    let pipe = reader.stdin.take().expect("stdin was piped");
    reader.wait().expect("the short-lived reader exits");
    let mut command = Command::new(binary);
    command.args(args).stdin(Stdio::null());
    match closed {
        Closed::Stdout => command.stdout(pipe).stderr(Stdio::piped()),
        Closed::Stderr => command.stderr(pipe).stdout(Stdio::piped()),
    };
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("could not start {binary}: {error}"));
    Ran {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// What every chapter binary must do: `--list` names `demos` in the chapter's order;
/// an unknown demo name and an unknown option are usage errors (exit code 2) that
/// say what went wrong, the first with the list of demos; none of it panics; and a
/// closed standard output or standard error ends it quietly with status 141.
pub fn assert_selects_demos(binary: &str, demos: &[&str]) {
    let list = run(binary, &["--list"]);
    assert!(list.succeeded(), "--list failed: {list:?}");
    assert_eq!(
        list.listed_names(),
        demos,
        "--list should name every demo in the chapter's order"
    );

    let typo = run(binary, &["no_such_demo"]);
    assert_eq!(
        typo.code,
        Some(2),
        "an unknown demo is a usage error: {typo:?}"
    );
    assert!(
        typo.stderr.contains("no demo called `no_such_demo`"),
        "the error should name the typo: {typo:?}"
    );
    for demo in demos {
        assert!(
            typo.stderr.contains(demo),
            "the error should list `{demo}`: {typo:?}"
        );
    }

    let option = run(binary, &["--no-such-option"]);
    assert_eq!(
        option.code,
        Some(2),
        "an unknown option is a usage error: {option:?}"
    );

    for ran in [&typo, &option] {
        assert!(
            !ran.stderr.contains("panicked"),
            "bad input must not panic: {ran:?}"
        );
    }

    // `binary --list | head -0`: the listing meets a closed pipe at its first line.
    let listing = run_with_closed(binary, &["--list"], Closed::Stdout);
    assert_eq!(
        listing.code,
        Some(CLOSED_PIPE),
        "a closed stdout should end the binary quietly with status 141 (128 + SIGPIPE), \
         not a panic (101): is `course_kit::demo::main`/`run` what prints? {listing:?}"
    );
    assert!(
        !listing.stderr.contains("panicked"),
        "a closed stdout must not panic: {listing:?}"
    );
    // The typo's message goes to a closed stderr.
    let message = run_with_closed(binary, &["no_such_demo"], Closed::Stderr);
    assert_eq!(
        message.code,
        Some(CLOSED_PIPE),
        "a closed stderr should end the binary quietly with status 141: {message:?}"
    );
}
