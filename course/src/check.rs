//! `cargo course check [exercise | chapter] [--all]`: run the tests, show them compactly.
//!
//! One line per test, a tick or a cross; under the first failure, its whole message
//! (the tests are written to say what they expected and why); on success, where the
//! solution and its explanation are, and the next exercise. Each result is
//! remembered with a fingerprint of the files it judged, so the overview can draw
//! progress without re-running anything.
//!
//! Every exercise is a crate of its own: checking many builds them in one cargo run,
//! and one that does not compile is reported as such while the others are checked.

use std::time::Duration;

use anyhow::Result;

use crate::compile::{self, Echo};
use crate::hints;
use crate::lookup;
use crate::paint;
use crate::progress;
use crate::state::State;
use crate::syllabus::{Course, Exercise};
use crate::test_run::{self, Outcome, TestResult, TestRun};

/// Long enough for any test of the course, whose own watchdogs stop at a few
/// seconds; a test that hangs outside a watchdog is stopped here and said so.
pub const LIMIT: Duration = Duration::from_secs(120);

/// Returns whether everything checked passed (the exit code follows it).
pub fn command(course: &Course, target: Option<&str>, all: bool) -> Result<bool> {
    let mut state = State::load(&course.root);
    if all {
        let every: Vec<&Exercise> = course.exercises().collect();
        anyhow::ensure!(!every.is_empty(), "the course has no exercises yet");
        return many(course, &mut state, &every);
    }
    let Some(typed) = target else {
        let Some(exercise) = lookup::current(course, &state) else {
            // Nothing left: say so (and how to re-check one) instead of failing.
            progress::next_step(course, &state);
            return Ok(true);
        };
        return one(course, &mut state, exercise);
    };
    // An exercise first: `check` is about exercises; a chapter checks all of its own.
    match lookup::exercise(course, typed) {
        Ok(exercise) => one(course, &mut state, exercise),
        Err(not_an_exercise) => match lookup::chapter(course, typed) {
            Ok(chapter) if !chapter.exercises.is_empty() => {
                let theirs: Vec<&Exercise> = chapter.exercises.iter().collect();
                many(course, &mut state, &theirs)
            }
            _ => Err(not_an_exercise),
        },
    }
}

/// Checks one exercise: builds its crate (cargo's progress and errors shown as they
/// come), runs its tests, and says what to do next.
pub fn one(course: &Course, state: &mut State, exercise: &Exercise) -> Result<bool> {
    say!(
        "{}",
        paint::dim(&format!(
            "Checking {} (cargo test -p {})",
            exercise.id(),
            exercise.package
        ))
    );
    let built = compile::tests(&course.root, &[&exercise.package], &[], Echo::All)?;
    let Some(binary) = built.binary_of(&exercise.dir) else {
        say!(
            "{}",
            paint::red(&format!(
                "`{}` does not compile: the compiler's errors are above. Your other exercises \
                 are not affected.",
                exercise.name
            ))
        );
        state.record(course, exercise, false);
        state.save(&course.root)?;
        return Ok(false);
    };
    let run = test_run::run(binary, &exercise.dir, LIMIT)?;
    let mine = in_written_order(&run.results, exercise);
    let passed = show(&mine) && run.all_passed();
    explain_a_stop(&run);
    state.record(course, exercise, passed);
    state.save(&course.root)?;
    if passed {
        solved(course, exercise);
        progress::next_step(course, state);
    } else {
        show_first_failure(&mine);
        let hints = hints::of(exercise).len();
        let seen = state.hints.get(&exercise.id()).copied().unwrap_or(0);
        if seen < hints {
            say!(
                "Stuck? `cargo course hint {}` shows hint {} of {hints}.",
                exercise.name,
                seen + 1
            );
        }
    }
    Ok(passed)
}

/// Several exercises (a chapter, or `--all`): one cargo run builds them all, then each
/// crate's tests run and make a row of the table.
fn many(course: &Course, state: &mut State, exercises: &[&Exercise]) -> Result<bool> {
    if exercises.is_empty() {
        say!("No exercises to check.");
        return Ok(true);
    }
    say!(
        "{}",
        paint::dim(&format!("Building {} exercises...", exercises.len()))
    );
    let packages: Vec<&str> = exercises.iter().map(|e| e.package.as_str()).collect();
    let built = compile::tests(&course.root, &packages, &[], Echo::Progress)?;
    let width = exercises.iter().map(|e| e.id().len()).max().unwrap_or(8);
    let mut solved = 0;
    let mut broken = Vec::new();
    for exercise in exercises {
        let (mark, detail, passed) = match built.binary_of(&exercise.dir) {
            None => {
                broken.push(exercise.name.as_str());
                (paint::red("✗"), "does not compile".to_string(), false)
            }
            Some(binary) => {
                let run = test_run::run(binary, &exercise.dir, LIMIT)?;
                let passed = run.all_passed();
                let detail = format!("{}/{} tests pass", run.passed(), run.results.len());
                let mark = if passed {
                    paint::green("✓")
                } else {
                    paint::red("✗")
                };
                (mark, detail, passed)
            }
        };
        say!("{mark} {:width$}  {detail}", exercise.id());
        solved += usize::from(passed);
        state.record(course, exercise, passed);
    }
    state.save(&course.root)?;
    say!();
    say!("{}", progress::bar(solved, exercises.len()));
    for name in broken {
        say!("`cargo course check {name}` shows why `{name}` does not compile.");
    }
    progress::next_step(course, state);
    Ok(solved == exercises.len())
}

/// After a pass: where to compare, as rustlings does, before moving on.
fn solved(course: &Course, exercise: &Exercise) {
    say!(
        "{}",
        paint::green(&format!("`{}` is solved.", exercise.name))
    );
    if let Some(solution) = exercise.solution_source().filter(|path| path.is_file()) {
        say!(
            "  compare with the course's solution: {}",
            course.shown(&solution)
        );
    }
    let page = format!("book/src/{}/solutions.md", exercise.chapter);
    if course.root.join(&page).is_file() {
        say!("  and why it works: {page} (in the book: `cargo course book`)");
    }
}

/// The exercise's results in the order its tests are written (libtest reports them
/// in the order they finish).
fn in_written_order<'r>(results: &'r [TestResult], exercise: &Exercise) -> Vec<&'r TestResult> {
    let tests = std::fs::read_to_string(exercise.tests()).unwrap_or_default();
    let mut mine: Vec<&TestResult> = results.iter().collect();
    let position = |r: &&TestResult| {
        tests
            .find(&format!("fn {}(", short_name(&r.name)))
            .unwrap_or(usize::MAX)
    };
    mine.sort_by_key(position);
    mine
}

/// One line per test: a mark, the test's name, and for a failure the first line of
/// what it said. Returns whether none failed.
fn show(results: &[&TestResult]) -> bool {
    let width = results
        .iter()
        .map(|r| short_name(&r.name).len())
        .max()
        .unwrap_or(0);
    for result in results {
        let name = short_name(&result.name);
        match result.outcome {
            Outcome::Passed => say!("  {} {name}", paint::green("✓")),
            Outcome::Ignored => say!("  {} {name}", paint::dim("-")),
            Outcome::Failed => say!(
                "  {} {name:width$}  {}",
                paint::red("✗"),
                paint::dim(&summary(result.message.as_deref()))
            ),
        }
    }
    let passed = results
        .iter()
        .filter(|r| r.outcome == Outcome::Passed)
        .count();
    let failed = results
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .count();
    let line = format!("{passed}/{} tests pass", passed + failed);
    say!(
        "{}",
        if failed == 0 {
            paint::green(&line)
        } else {
            paint::red(&line)
        }
    );
    failed == 0
}

/// A run that did not end normally: say what that usually means.
fn explain_a_stop(run: &TestRun) {
    if run.timed_out {
        say!(
            "{}",
            paint::red(&format!(
                "The tests were stopped after {}s: one of them never finished (a loop that \
                 never ends, or a wait for something that never comes).",
                LIMIT.as_secs()
            ))
        );
    } else if run.crashed {
        say!(
            "{}",
            paint::red(
                "The tests crashed before they finished (a stack overflow, from a \
                 function that calls itself forever, is the usual cause)."
            )
        );
    }
}

fn show_first_failure(results: &[&TestResult]) {
    let Some(first) = results.iter().find(|r| r.outcome == Outcome::Failed) else {
        return;
    };
    say!();
    say!("{}", paint::bold(&format!("{}:", short_name(&first.name))));
    for line in first.message.as_deref().unwrap_or("(no message)").lines() {
        say!("  {line}");
    }
    say!();
}

/// The first line of a failure, kept short; `todo!()` said in the learner's words.
fn summary(message: Option<&str>) -> String {
    let first = message.and_then(|m| m.lines().next()).unwrap_or("failed");
    if let Some(rest) = first.strip_prefix("not yet implemented") {
        let task = rest.trim_start_matches(':').trim();
        return if task.is_empty() {
            "todo!() still to replace".to_string()
        } else {
            format!("todo!() still to replace: {task}")
        };
    }
    let mut line: String = first.chars().take(72).collect();
    if line.len() < first.len() {
        line.push('…');
    }
    line
}

pub fn short_name(test: &str) -> &str {
    test.rsplit("::").next().unwrap_or(test)
}
