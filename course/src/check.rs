//! `cargo course check [exercise | chapter] [--all]`: run the tests, show them compactly.
//!
//! One line per test, a tick or a cross; under them, each failure's whole message
//! (the tests are written to say what they expected and why), the tests' own
//! explanations before bare panics, a few at most; on success, where the solution and
//! its explanation are, and the next exercise after this one. Each result is
//! remembered with a fingerprint of the files it judged, taken before they were
//! compiled, so the overview can draw progress without re-running anything; a save
//! during the check leaves nothing recorded.
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
use crate::shortcuts;
use crate::state::{self, State};
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
        paint::dim(&t!(
            "Checking {} (cargo test -p {})",
            exercise.id(),
            exercise.package
        ))
    );
    // The files as the compiler is about to read them: a result is theirs only if
    // nothing changed until the tests have run.
    let judged = state::fingerprint(course, exercise);
    let built = compile::tests(&course.root, &[&exercise.package], &[], Echo::All)?;
    let Some(binary) = built.binary_of(&exercise.dir) else {
        say!(
            "{}",
            paint::red(&t!(
                "`{}` does not compile: the compiler's errors are above. Your other exercises \
                 are not affected.",
                exercise.name
            ))
        );
        remember(course, state, exercise, false, judged)?;
        return Ok(false);
    };
    let run = test_run::run(binary, &exercise.dir, LIMIT)?;
    let mine = in_written_order(&run.results, exercise);
    let passed = show(&mine) && run.all_passed();
    explain_a_stop(&run);
    // Tests passed by a library call that the exercise asks to write by hand: no pass.
    let passed = passed && shortcuts::none_taken(course, exercise)?;
    if !remember(course, state, exercise, passed, judged)? {
        return Ok(false);
    }
    if passed {
        solved(course, exercise);
        progress::next_step_after(course, state, exercise);
    } else {
        show_failures(&mine);
        let hints = hints::of(exercise).len();
        let seen = state.hints.get(&exercise.id()).copied().unwrap_or(0);
        if seen < hints {
            say!(
                "{}",
                t!(
                    "Stuck? `cargo course hint {}` shows hint {} of {}.",
                    exercise.name,
                    seen + 1,
                    hints
                )
            );
        }
    }
    Ok(passed)
}

/// Several exercises (a chapter, or `--all`): one cargo run builds them all, then each
/// crate's tests run and make a row of the table.
fn many(course: &Course, state: &mut State, exercises: &[&Exercise]) -> Result<bool> {
    if exercises.is_empty() {
        say!("{}", t!("No exercises to check."));
        return Ok(true);
    }
    say!(
        "{}",
        paint::dim(&t!("Building {} exercises...", exercises.len()))
    );
    let packages: Vec<&str> = exercises.iter().map(|e| e.package.as_str()).collect();
    // Before the build, as in `one`: what is compiled is what a result is recorded for.
    let judged: Vec<u64> = exercises
        .iter()
        .map(|e| state::fingerprint(course, e))
        .collect();
    let built = compile::tests(&course.root, &packages, &[], Echo::Progress)?;
    let width = exercises.iter().map(|e| e.id().len()).max().unwrap_or(8);
    let mut solved = 0;
    let mut broken = Vec::new();
    let mut changed = Vec::new();
    for (exercise, &judged) in exercises.iter().zip(&judged) {
        let (mark, detail, passed) = match built.binary_of(&exercise.dir) {
            None => {
                broken.push(exercise.name.as_str());
                (paint::red("✗"), t!("does not compile").to_string(), false)
            }
            Some(binary) => {
                let run = test_run::run(binary, &exercise.dir, LIMIT)?;
                let refused = match run.all_passed() {
                    true => shortcuts::summary(course, exercise)?,
                    false => None,
                };
                let passed = run.all_passed() && refused.is_none();
                let mut detail = t!("{}/{} tests pass", run.passed(), run.results.len());
                detail.extend(refused.map(|why| format!(", {why}")));
                let mark = if passed {
                    paint::green("✓")
                } else {
                    paint::red("✗")
                };
                (mark, detail, passed)
            }
        };
        if state::fingerprint(course, exercise) == judged {
            say!("{mark} {:width$}  {detail}", exercise.id());
            solved += usize::from(passed);
            state.record(exercise, passed, judged);
        } else {
            let detail = t!("{}, but changed while checked: not recorded", detail);
            say!("{} {:width$}  {detail}", paint::yellow("•"), exercise.id());
            changed.push(exercise.name.as_str());
        }
    }
    state.save(&course.root)?;
    say!();
    say!("{}", progress::bar(solved, exercises.len()));
    for name in broken {
        say!(
            "{}",
            t!(
                "`cargo course check {0}` shows why `{0}` does not compile.",
                name
            )
        );
    }
    for name in &changed {
        say!(
            "{}",
            t!(
                "`{0}` was saved during the check: `cargo course check {0}` checks it as it is now.",
                name
            )
        );
    }
    if !changed.is_empty() {
        return Ok(false);
    }
    progress::next_step(course, state);
    Ok(solved == exercises.len())
}

/// Records the result for the files as they were compiled (`judged`), unless they
/// changed since: then the result belongs to files that are gone, so nothing is
/// recorded and the learner is told. Returns whether it was recorded.
fn remember(
    course: &Course,
    state: &mut State,
    exercise: &Exercise,
    passed: bool,
    judged: u64,
) -> Result<bool> {
    if state::fingerprint(course, exercise) != judged {
        say!();
        say!(
            "{}",
            paint::yellow(&t!(
                "`{}` changed while it was being checked (a save during the build or the \
                 tests), so this result is for files that are no longer there and is not \
                 recorded. `cargo course check {}` checks it as it is now.",
                exercise.name,
                exercise.name
            ))
        );
        return Ok(false);
    }
    state.record(exercise, passed, judged);
    state.save(&course.root)?;
    Ok(true)
}

/// After a pass: where to compare, as rustlings does, before moving on.
fn solved(course: &Course, exercise: &Exercise) {
    say!("{}", paint::green(&t!("`{}` is solved.", exercise.name)));
    if let Some(solution) = exercise.solution_source().filter(|path| path.is_file()) {
        say!(
            "{}",
            t!(
                "  compare with the course's solution: {}",
                course.shown(&solution)
            )
        );
    }
    // Each solution has a page of its own (`solution-<name>.md`, with `_` as `-`);
    // a chapter without them keeps one solutions page.
    let own = format!(
        "book/src/{}/solution-{}.md",
        exercise.chapter,
        exercise.name.replace('_', "-")
    );
    let page = if course.root.join(&own).is_file() {
        own
    } else {
        format!("book/src/{}/solutions.md", exercise.chapter)
    };
    if course.root.join(&page).is_file() {
        say!(
            "{}",
            t!(
                "  and why it works: {} (in the book: `cargo course book`)",
                page
            )
        );
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
    // What is left of a line for a failure's first words: "  ✗ ", the names' column,
    // two spaces. At least 30 columns, even in a narrow terminal.
    let room = terminal_columns().saturating_sub(4 + width + 2).max(30);
    for result in results {
        let name = short_name(&result.name);
        match result.outcome {
            Outcome::Passed => say!("  {} {name}", paint::green("✓")),
            Outcome::Ignored => say!("  {} {name}", paint::dim("-")),
            Outcome::Failed => say!(
                "  {} {name:width$}  {}",
                paint::red("✗"),
                paint::dim(&summary(result.message.as_deref(), room))
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
    let line = t!("{}/{} tests pass", passed, passed + failed);
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
            paint::red(&t!(
                "The tests were stopped after {}s: one of them never finished (a loop that \
                 never ends, or a wait for something that never comes).",
                LIMIT.as_secs()
            ))
        );
    } else if run.crashed {
        say!(
            "{}",
            paint::red(t!(
                "The tests crashed before they finished (a stack overflow, from a \
                 function that calls itself forever, is the usual cause)."
            ))
        );
    }
}

/// Failures shown in full at most; the others are counted (each has its line above).
const IN_FULL: usize = 5;

/// Each failure's whole message, the tests' own explanations first: a diagnosis
/// that names the mistake is worth more than a bare panic, and more than a
/// `todo!()`, which only says that code is missing (one of those is enough).
fn show_failures(results: &[&TestResult]) {
    let mut failed: Vec<(&TestResult, Said)> = results
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .map(|r| (*r, said(r.message.as_deref())))
        .collect();
    // Stable: within a kind, the order the tests are written in.
    failed.sort_by_key(|(_, said)| *said);
    let mut todo_shown = false;
    let mut shown: Vec<(&str, &str)> = Vec::new();
    let mut left = 0;
    for (result, said) in failed {
        let repeat = said == Said::Todo && std::mem::replace(&mut todo_shown, true);
        if repeat || shown.len() == IN_FULL {
            left += 1;
            continue;
        }
        let name = short_name(&result.name);
        let message = result.message.as_deref().unwrap_or("(no message)");
        // The same words from another test (only its place differs): said once.
        let (words, place) = message.rsplit_once('\n').unwrap_or((message, ""));
        say!();
        match shown.iter().find(|(_, said)| *said == words) {
            Some((first, _)) => say!(
                "{} {}",
                paint::bold(&format!("{name}:")),
                t!("the same as `{}` {}", first, place)
            ),
            None => {
                say!("{}", paint::bold(&format!("{name}:")));
                for line in message.lines() {
                    say!("  {line}");
                }
                shown.push((name, words));
            }
        }
    }
    if left > 0 {
        say!();
        say!(
            "{}",
            paint::dim(&if left == 1 {
                t!("1 more failing test (its first line is in the list above).").to_string()
            } else {
                t!(
                    "{} more failing tests (the first line of each is in the list above).",
                    left
                )
            })
        );
    }
    say!();
}

/// What a failure's message holds, in the order they are worth reading.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Said {
    /// The test's own words: its assertion's message, or the watchdog's diagnosis.
    Explained,
    /// A panic with nothing from the test: an overflow in the learner's code, an
    /// assertion written without a message.
    Bare,
    /// A `todo!()` still in the stub.
    Todo,
}

fn said(message: Option<&str>) -> Said {
    let Some(message) = message else {
        return Said::Bare;
    };
    let first = message.lines().next().unwrap_or_default();
    if first.starts_with("not yet implemented") {
        return Said::Todo;
    }
    // The watchdog's own verdicts, and the test's words it adds to a panic.
    if first.starts_with("stopped by the watchdog")
        || first.starts_with("this test's checks passed")
        || message.contains("\nWhat this test checks: ")
    {
        return Said::Explained;
    }
    // `(at src/tests.rs:20:9)`: whether the panic was the test's own check.
    let place = message
        .lines()
        .last()
        .and_then(|last| last.strip_prefix("(at "))
        .unwrap_or_default();
    let in_the_tests = place.contains("tests.rs:") || place.contains("/tests/");
    let without_words = matches!(
        first,
        "assertion `left == right` failed" | "assertion `left != right` failed"
    ) || first.starts_with("assertion failed: ");
    if in_the_tests && !without_words {
        Said::Explained
    } else {
        Said::Bare
    }
}

/// The first line of a failure, kept short; `todo!()` said in the learner's words.
fn summary(message: Option<&str>, room: usize) -> String {
    let first = message.and_then(|m| m.lines().next()).unwrap_or("failed");
    let line = match first.strip_prefix("not yet implemented") {
        Some(rest) => {
            let task = rest.trim_start_matches(':').trim();
            if task.is_empty() {
                t!("todo!() still to replace").to_string()
            } else {
                t!("todo!() still to replace: {}", task)
            }
        }
        None => first.to_string(),
    };
    fit(&line, room)
}

/// `line` cut to `room` terminal columns, with `…` where it was cut, so that a row
/// of the list never wraps (a Chinese character takes two columns).
fn fit(line: &str, room: usize) -> String {
    if crate::language::width(line) <= room {
        return line.to_string();
    }
    let mut cut = String::new();
    for c in line.chars() {
        if crate::language::width(&cut) + crate::language::width(c.encode_utf8(&mut [0; 4])) + 1
            > room
        {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut
}

/// The terminal's width in columns: `COLUMNS` where the shell exports it, else the
/// terminal's own size, else 100 (output to a pipe or a file).
fn terminal_columns() -> usize {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return columns;
    }
    rustix::termios::tcgetwinsize(std::io::stdout())
        .ok()
        .map(|size| usize::from(size.ws_col))
        .filter(|&columns| columns > 0)
        .unwrap_or(100)
}

pub fn short_name(test: &str) -> &str {
    test.rsplit("::").next().unwrap_or(test)
}

#[cfg(test)]
mod tests {
    use super::fit;
    use crate::language::width;

    #[test]
    fn a_failure_line_is_cut_to_the_room_left_so_a_row_never_wraps() {
        assert_eq!(fit("short", 30), "short");
        let cut = fit(&"x".repeat(100), 30);
        assert_eq!(width(&cut), 30);
        assert!(cut.ends_with('…'));
        // A Chinese character takes two columns.
        let cut = fit(&"还有待替换".repeat(10), 30);
        assert!(width(&cut) <= 30, "{cut}");
        assert!(cut.ends_with('…'));
    }
}
