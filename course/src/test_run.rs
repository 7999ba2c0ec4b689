//! Running an exercise crate's tests with cargo and reading what they say.
//!
//! The tool does not judge anything itself: it runs the very `cargo test` a learner
//! could type, asks libtest for its line-per-test format (`test x ... ok`) and reads
//! the failures section for each failing test's panic message. If no test ran, the
//! crate did not compile, and cargo's own error output is what the learner needs.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Outcome {
    Passed,
    Failed,
    Ignored,
}

#[derive(Debug)]
pub struct TestResult {
    /// The full path, `tests::fibonacci::starts_zero_one_one_two_three`.
    pub name: String,
    pub outcome: Outcome,
    /// For a failure: where it panicked and what it said.
    pub message: Option<String>,
}

pub struct TestRun {
    pub results: Vec<TestResult>,
    /// Cargo's diagnostics: the compiler errors when nothing could run.
    pub stderr: String,
}

/// `cargo` as the one running us (`cargo course` sets `CARGO`), else from `PATH`.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// `cargo test -q -p <package> --no-fail-fast [--lib] -- [filter] --format=pretty`
pub fn run(root: &Path, package: &str, filter: Option<&str>, lib_only: bool) -> Result<TestRun> {
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["test", "-q", "-p", package, "--no-fail-fast"]);
    if lib_only {
        // The tests are in src/tests.rs: skipping the doctest pass saves a rustdoc
        // run on every re-check.
        command.arg("--lib");
    }
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        command.arg("--color=always");
    }
    command.arg("--");
    command.args(filter);
    // Backtraces would bury the message the test wrote for the learner.
    command
        .args(["--format=pretty", "--color=never"])
        .env("RUST_BACKTRACE", "0");
    let output = command
        .output()
        .with_context(|| format!("cannot run `cargo test -p {package}`: is cargo installed?"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(TestRun {
        results: parse(&stdout),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

/// The results in libtest's pretty format, with each failure's message attached.
pub fn parse(stdout: &str) -> Vec<TestResult> {
    let mut results: Vec<TestResult> = stdout
        .lines()
        .filter_map(|line| {
            let (name, outcome) = line.strip_prefix("test ")?.split_once(" ... ")?;
            let outcome = match outcome.split_whitespace().next()? {
                "ok" => Outcome::Passed,
                "FAILED" => Outcome::Failed,
                "ignored" | "ignored," => Outcome::Ignored,
                _ => return None,
            };
            (!name.contains(' ')).then(|| TestResult {
                name: name.to_string(),
                outcome,
                message: None,
            })
        })
        .collect();
    for (name, message) in failure_messages(stdout) {
        if let Some(result) = results.iter_mut().find(|r| r.name == name) {
            result.message = Some(message);
        }
    }
    results
}

/// The `---- <test> stdout ----` blocks: from `panicked at <place>:` to the `note:`.
fn failure_messages(stdout: &str) -> Vec<(String, String)> {
    let mut messages = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in stdout.lines() {
        let header = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"));
        if header.is_some() || line == "failures:" || line.starts_with("test result:") {
            if let Some((name, lines)) = current.take() {
                messages.push((name, message_of(&lines)));
            }
            current = header.map(|name| (name.to_string(), Vec::new()));
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line.to_string());
        }
    }
    if let Some((name, lines)) = current {
        messages.push((name, message_of(&lines)));
    }
    messages
}

fn message_of(lines: &[String]) -> String {
    let start = lines.iter().position(|l| l.contains("panicked at "));
    let Some(start) = start else {
        return lines.join("\n").trim().to_string();
    };
    // "thread 'x' (123) panicked at src/fibonacci.rs:20:9:" -> "src/fibonacci.rs:20:9"
    let place = lines[start]
        .split_once("panicked at ")
        .map_or("", |(_, place)| place.trim_end_matches(':'));
    let text: Vec<&str> = lines[start + 1..]
        .iter()
        .map(String::as_str)
        .take_while(|l| !l.starts_with("note: ") && !l.starts_with("stack backtrace:"))
        .collect();
    format!("{}\n(at {place})", text.join("\n").trim_end())
}

/// `tests::fibonacci::starts_at_zero` -> `fibonacci`, the exercise a test belongs to.
pub fn exercise_of(test: &str) -> &str {
    let parts: Vec<&str> = test.split("::").collect();
    if parts.len() > 2 && parts[0] == "tests" {
        parts[1]
    } else {
        parts[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\nrunning 3 tests\n\
        test tests::fibonacci::starts_at_zero ... FAILED\n\
        test tests::fibonacci::stops ... ok\n\
        test tests::countdown::counts ... ignored, slow\n\n\
        failures:\n\n\
        ---- tests::fibonacci::starts_at_zero stdout ----\n\n\
        thread 'tests::fibonacci::starts_at_zero' (4242) panicked at src/fibonacci.rs:20:9:\n\
        assertion `left == right` failed: each number is the sum of the two before it\n  \
        left: [1]\n right: [0]\n\
        note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\n\
        failures:\n    tests::fibonacci::starts_at_zero\n\n\
        test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out\n";

    #[test]
    fn each_test_line_becomes_a_result_and_failures_carry_their_message() {
        let results = parse(OUTPUT);
        let outcomes: Vec<(&str, Outcome)> = results
            .iter()
            .map(|r| (r.name.as_str(), r.outcome))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("tests::fibonacci::starts_at_zero", Outcome::Failed),
                ("tests::fibonacci::stops", Outcome::Passed),
                ("tests::countdown::counts", Outcome::Ignored),
            ]
        );
        assert_eq!(
            results[0].message.as_deref(),
            Some(
                "assertion `left == right` failed: each number is the sum of the two before it\n  \
                 left: [1]\n right: [0]\n(at src/fibonacci.rs:20:9)"
            )
        );
        assert_eq!(results[1].message, None);
    }

    #[test]
    fn a_test_belongs_to_the_module_under_tests() {
        assert_eq!(exercise_of("tests::fibonacci::starts_at_zero"), "fibonacci");
        assert_eq!(exercise_of("lonely_test"), "lonely_test");
    }
}
