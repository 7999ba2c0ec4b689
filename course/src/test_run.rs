//! Running a test binary and reading what it says.
//!
//! The tool judges nothing itself: it runs the test binary cargo built (see
//! [`crate::compile`]), with libtest's line-per-test format (`test x ... ok`), and
//! reads the failures section for each failing test's panic message, the message
//! the test wrote for the learner.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Outcome {
    Passed,
    Failed,
    Ignored,
}

#[derive(Debug)]
pub struct TestResult {
    /// The full path, `tests::starts_zero_one_one_two_three`.
    pub name: String,
    pub outcome: Outcome,
    /// For a failure: where it panicked and what it said.
    pub message: Option<String>,
}

pub struct TestRun {
    pub results: Vec<TestResult>,
    /// The binary ran past the limit and was stopped: a test hung outside any watchdog.
    pub timed_out: bool,
    /// The binary ended without libtest's summary (it crashed, or overflowed its stack).
    pub crashed: bool,
}

impl TestRun {
    pub fn passed(&self) -> usize {
        self.count(Outcome::Passed)
    }

    pub fn failed(&self) -> usize {
        self.count(Outcome::Failed)
    }

    fn count(&self, outcome: Outcome) -> usize {
        self.results.iter().filter(|r| r.outcome == outcome).count()
    }

    /// Every test ran and none failed.
    pub fn all_passed(&self) -> bool {
        !self.timed_out && !self.crashed && !self.results.is_empty() && self.failed() == 0
    }
}

/// Runs the test binary of the crate in `dir` (in that folder, as `cargo test`
/// would), stopping it after `limit`.
pub fn run(binary: &Path, dir: &Path, limit: Duration) -> Result<TestRun> {
    let mut child = Command::new(binary)
        .current_dir(dir)
        // Backtraces would bury the message the test wrote for the learner.
        .args(["--format=pretty", "--color=never"])
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot run the tests in {}", binary.display()))?;
    let mut stdout = child.stdout.take().context("the tests' stdout is piped")?;
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let started = Instant::now();
    let mut timed_out = false;
    while child.try_wait()?.is_none() {
        if started.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let stdout = reader.join().unwrap_or_default();
    Ok(TestRun {
        results: parse(&stdout),
        crashed: !timed_out && !stdout.contains("test result:"),
        timed_out,
    })
}

/// The results in libtest's pretty format, with each failure's message attached.
pub fn parse(stdout: &str) -> Vec<TestResult> {
    let mut results: Vec<TestResult> = stdout
        .lines()
        .filter_map(|line| {
            let (name, outcome) = line.strip_prefix("test ")?.split_once(" ... ")?;
            // libtest names a `#[should_panic]` test `name - should panic`.
            let name = name.strip_suffix(" - should panic").unwrap_or(name);
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

/// The message of the panic that failed the test: the last one of its block. A
/// watchdog passes a panic of the learner's code on with the test's explanation added,
/// so the block holds both, and the first alone would lose the explanation.
fn message_of(lines: &[String]) -> String {
    let start = lines
        .iter()
        .rposition(|l| l.starts_with("thread '") && l.contains(" panicked at "));
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
    fn of_two_panics_in_a_test_the_last_one_failed_it_and_is_its_message() {
        let results = parse(
            "test tests::takes_94 ... FAILED\n\n\
             failures:\n\n\
             ---- tests::takes_94 stdout ----\n\n\
             thread 'tests::takes_94' (7) panicked at src/fibonacci.rs:31:9:\n\
             attempt to add with overflow\n\
             note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\
             thread 'tests::takes_94' (6) panicked at src/tests.rs:40:25:\n\
             attempt to add with overflow\n\n\
             What this test checks: Fibonacci numbers.\n\n\
             failures:\n    tests::takes_94\n\n\
             test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n",
        );
        assert_eq!(
            results[0].message.as_deref(),
            Some(
                "attempt to add with overflow\n\nWhat this test checks: Fibonacci numbers.\n\
                 (at src/tests.rs:40:25)"
            )
        );
    }

    #[test]
    fn a_should_panic_test_counts_under_its_own_name() {
        let results = parse(
            "test tests::drops_the_rest - should panic ... ok\n\
             test tests::joins ... ok\n",
        );
        let names: Vec<(&str, Outcome)> = results
            .iter()
            .map(|r| (r.name.as_str(), r.outcome))
            .collect();
        assert_eq!(
            names,
            [
                ("tests::drops_the_rest", Outcome::Passed),
                ("tests::joins", Outcome::Passed)
            ],
            "libtest's ` - should panic` suffix is not part of the name"
        );
    }
}
