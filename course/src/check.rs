//! `cargo course check [exercise | chapter] [--all]`: run the tests, show them compactly.
//!
//! One line per test, a tick or a cross; under the first failure, its whole message
//! (the tests are written to say what they expected and why); on success, the next
//! exercise. Each result is remembered with a fingerprint of the files it judged, so
//! the overview can draw progress without re-running anything.

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use crate::lookup;
use crate::paint;
use crate::progress;
use crate::state::State;
use crate::syllabus::{Chapter, Course, Exercise};
use crate::test_run::{self, Outcome, TestResult};

/// Returns whether everything checked passed (the exit code follows it).
pub fn command(course: &Course, target: Option<&str>, all: bool) -> Result<bool> {
    let mut state = State::load(&course.root);
    if all {
        return everything(course, &mut state);
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
            Ok(chapter) => whole_chapter(course, &mut state, chapter),
            Err(_) => Err(not_an_exercise),
        },
    }
}

/// Checks one exercise: `cargo test -p exNN-name --lib -- tests::<exercise>::`.
pub fn one(course: &Course, state: &mut State, exercise: &Exercise) -> Result<bool> {
    let package = stubs_of(course, &exercise.chapter)?;
    say!(
        "{}",
        paint::dim(&format!(
            "Checking {} (cargo test -p {package} -- tests::{}::)",
            exercise.id(),
            exercise.name
        ))
    );
    let filter = format!("tests::{}::", exercise.name);
    let run = test_run::run(&course.root, package, Some(&filter), true)?;
    if run.results.is_empty() {
        does_not_compile(&exercise.chapter, &run.stderr);
        state.record(course, exercise, false);
        state.save(&course.root)?;
        return Ok(false);
    }
    let mine = results_of(course, &run.results, exercise);
    anyhow::ensure!(
        !mine.is_empty(),
        "{package} has no tests under `tests::{}`",
        exercise.name
    );
    let passed = show(&mine);
    state.record(course, exercise, passed);
    state.save(&course.root)?;
    if passed {
        say!(
            "{}",
            paint::green(&format!("`{}` is solved.", exercise.name))
        );
        progress::next_step(course, state);
    } else {
        show_first_failure(&mine);
        let hints = crate::hints::of(course, exercise).len();
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

/// Every exercise of a chapter, from one `cargo test` of its crate.
fn whole_chapter(course: &Course, state: &mut State, chapter: &Chapter) -> Result<bool> {
    let package = stubs_of(course, &chapter.slug)?;
    say!(
        "{}",
        paint::dim(&format!(
            "Checking {} (cargo test -p {package})",
            chapter.slug
        ))
    );
    let run = test_run::run(&course.root, package, None, true)?;
    if run.results.is_empty() {
        does_not_compile(&chapter.slug, &run.stderr);
        record_all(course, state, chapter, &run.results)?;
        return Ok(false);
    }
    let mut all_passed = true;
    let mut in_order: Vec<&TestResult> = Vec::new();
    for exercise in &chapter.exercises {
        let mine = results_of(course, &run.results, exercise);
        say!("{}", paint::bold(&exercise.name));
        all_passed &= show(&mine);
        in_order.extend(mine);
    }
    show_first_failure(&in_order);
    record_all(course, state, chapter, &run.results)?;
    if all_passed {
        say!(
            "{}",
            paint::green(&format!("Chapter {} is solved.", chapter.number))
        );
        progress::next_step(course, state);
    }
    Ok(all_passed)
}

/// `--all`: every chapter's exercises, one `cargo test` per chapter, under a bar.
fn everything(course: &Course, state: &mut State) -> Result<bool> {
    let total = course.exercises().count();
    anyhow::ensure!(total > 0, "the course has no exercises yet");
    // Hidden when standard error is not a terminal, so logs and tests stay clean.
    let bar = ProgressBar::new(total as u64).with_style(
        ProgressStyle::with_template("{bar:30.green/dim} {pos}/{len} exercises  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut rows = Vec::new();
    for chapter in course.chapters.iter().filter(|c| !c.exercises.is_empty()) {
        let package = stubs_of(course, &chapter.slug)?;
        bar.set_message(format!("cargo test -p {package}"));
        let run = test_run::run(&course.root, package, None, true)?;
        for exercise in &chapter.exercises {
            let mine = results_of(course, &run.results, exercise);
            let passed = mine.iter().filter(|r| r.outcome == Outcome::Passed).count();
            let failed = mine.iter().filter(|r| r.outcome == Outcome::Failed).count();
            rows.push((
                exercise.id(),
                mine.len(),
                passed,
                failed,
                run.results.is_empty(),
            ));
        }
        record_all(course, state, chapter, &run.results)?;
        bar.inc(chapter.exercises.len() as u64);
    }
    bar.finish_and_clear();
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(8);
    let mut solved = 0;
    for (id, tests, passed, failed, broken) in &rows {
        let (mark, detail) = if *broken {
            (paint::red("✗"), "does not compile".to_string())
        } else if *tests > 0 && *failed == 0 {
            solved += 1;
            (paint::green("✓"), format!("{passed}/{tests} tests pass"))
        } else {
            (paint::red("✗"), format!("{passed}/{tests} tests pass"))
        };
        say!("{mark} {id:width$}  {detail}");
    }
    say!();
    say!("{}", progress::bar(solved, rows.len()));
    progress::next_step(course, state);
    Ok(solved == rows.len())
}

fn stubs_of<'c>(course: &'c Course, chapter: &str) -> Result<&'c str> {
    course
        .chapter(chapter)
        .and_then(|c| c.stubs.as_ref())
        .map(|p| p.name.as_str())
        .with_context(|| format!("chapter {chapter} has no exercise crate"))
}

/// The exercise's results, in the order its tests are written (libtest reports them
/// in the order they finish).
fn results_of<'r>(
    course: &Course,
    results: &'r [TestResult],
    exercise: &Exercise,
) -> Vec<&'r TestResult> {
    let tests = course
        .chapter(&exercise.chapter)
        .and_then(|c| c.stubs.as_ref())
        .and_then(|stubs| std::fs::read_to_string(stubs.dir.join("src/tests.rs")).ok())
        .unwrap_or_default();
    let mut mine: Vec<&TestResult> = results
        .iter()
        .filter(|r| test_run::exercise_of(&r.name) == exercise.name)
        .collect();
    // Same-named tests in two modules: look only after this exercise's `mod` line.
    let start = tests.find(&format!("mod {} ", exercise.name)).unwrap_or(0);
    let position = |r: &&TestResult| {
        tests[start..]
            .find(&format!("fn {}(", short_name(&r.name)))
            .unwrap_or(usize::MAX)
    };
    mine.sort_by_key(position);
    mine
}

/// Remembers each exercise of the chapter as passed only if it had tests and none failed
/// (a crate that did not compile had none).
fn record_all(
    course: &Course,
    state: &mut State,
    chapter: &Chapter,
    results: &[TestResult],
) -> Result<()> {
    for exercise in &chapter.exercises {
        let mine = results_of(course, results, exercise);
        let passed = !mine.is_empty() && mine.iter().all(|r| r.outcome != Outcome::Failed);
        state.record(course, exercise, passed);
    }
    state.save(&course.root)
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

fn show_first_failure(results: &[&TestResult]) {
    let Some(first) = results.iter().find(|r| r.outcome == Outcome::Failed) else {
        return;
    };
    say!();
    say!("{}", paint::bold(&format!("{}:", first.name)));
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

fn short_name(test: &str) -> &str {
    test.rsplit("::").next().unwrap_or(test)
}

fn does_not_compile(chapter: &str, stderr: &str) {
    say!(
        "{}",
        paint::red(&format!(
            "exercises/{chapter} does not compile, so none of its tests can run \
             (an error in any exercise of the chapter stops them all):"
        ))
    );
    eprintln!("{}", stderr.trim_end());
}
