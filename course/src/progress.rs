//! `cargo course` with no arguments: where you are in the course and what comes next.
//!
//! The chapters in order with their exercises, each marked by its last check (or by
//! the `todo!()` still in it), a bar of exercises solved, and the next thing to do.
//! Nothing is compiled or run: the marks come from the state file, and a mark whose
//! files changed since is shown as "not checked" rather than trusted.

use crate::lookup;
use crate::paint;
use crate::state::{State, Status};
use crate::syllabus::{Course, Exercise};

pub fn command(course: &Course) {
    let state = State::load(&course.root);
    say!(
        "{}",
        paint::bold("Async Rust for Python asyncio programmers")
    );
    say!();
    let width = course
        .chapters
        .iter()
        .map(|c| c.title.len())
        .max()
        .unwrap_or(0);
    for chapter in &course.chapters {
        let marks: Vec<String> = chapter
            .exercises
            .iter()
            .map(|e| format!("{} {}", mark(state.status(course, e)), e.name))
            .collect();
        let exercises = if !marks.is_empty() {
            marks.join("  ")
        } else if chapter.code.is_some() {
            paint::dim("(exercises being written)")
        } else if chapter.number == 0 {
            paint::dim("(book only)")
        } else {
            paint::dim("(being written)")
        };
        say!(
            "{:>3}  {:width$}  {exercises}",
            chapter.number,
            chapter.title
        );
    }
    say!();
    say!(
        "     {}",
        paint::dim(&format!(
            "{} solved   {} failing   {} changed, not checked   {} todo!() left",
            mark(Status::Solved),
            mark(Status::Failing),
            mark(Status::Unchecked),
            mark(Status::Todo)
        ))
    );
    let total = course.exercises().count();
    let solved = course
        .exercises()
        .filter(|e| state.status(course, e) == Status::Solved)
        .count();
    say!();
    say!("{}", bar(solved, total));
    next_step(course, &state);
    say!();
    say!(
        "{}",
        paint::dim(
            "Commands: cargo course book | run <chapter> [demo] | list | check [exercise] [--all] \
             | hint [exercise] | watch | reset <exercise>  (cargo course help)"
        )
    );
}

/// `cargo course list`: every exercise, in course order, with its level, title and
/// state, so a learner can pick one (`cargo course check <name>`).
pub fn list(course: &Course) {
    let state = State::load(&course.root);
    let width = course.exercises().map(|e| e.name.len()).max().unwrap_or(8);
    for chapter in course.chapters.iter().filter(|c| !c.exercises.is_empty()) {
        say!(
            "{}",
            paint::bold(&format!("{:>2}  {}", chapter.number, chapter.title))
        );
        for exercise in &chapter.exercises {
            let status = state.status(course, exercise);
            say!(
                "    {} {:width$}  {:6}  {:18}  {}",
                mark(status),
                exercise.name,
                exercise.level,
                describe(status),
                exercise.title
            );
        }
    }
    let total = course.exercises().count();
    if total == 0 {
        say!("No exercises yet: start reading with `cargo course book`.");
        return;
    }
    let solved = course
        .exercises()
        .filter(|e| state.status(course, e) == Status::Solved)
        .count();
    say!();
    say!("{}", bar(solved, total));
}

fn describe(status: Status) -> &'static str {
    match status {
        Status::Solved => "solved",
        Status::Failing => "failing",
        Status::Unchecked => "changed, unchecked",
        Status::Todo => "todo!() left",
    }
}

/// `[██████░░░░░░░░░░░░░░]  3/9 exercises solved`
pub fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 24;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}] {done}/{total} exercises solved",
        paint::green(&"█".repeat(filled)),
        paint::dim(&"░".repeat(WIDTH - filled))
    )
}

/// What to do now: the first exercise not solved, where its file is, how to check it.
pub fn next_step(course: &Course, state: &State) {
    say_next(course, state, lookup::current(course, state));
}

/// What to do after `just` passed: the next exercise not solved after it (round to
/// the start after the last one).
pub fn next_step_after(course: &Course, state: &State, just: &Exercise) {
    say_next(course, state, lookup::after(course, state, just));
}

fn say_next(course: &Course, state: &State, next: Option<&Exercise>) {
    let total = course.exercises().count();
    let next = next.map(|e| (e, state.status(course, e)));
    let Some((exercise, status)) = next else {
        if total == 0 {
            say!("No exercises yet: start reading with `cargo course book`.");
        } else {
            say!(
                "{}",
                paint::green(&format!("All {total} exercises solved. Well done!"))
            );
        }
        return;
    };
    let chapter = course.chapter(&exercise.chapter);
    let level = format!(" ({})", exercise.level);
    let title = chapter.map_or(String::new(), |c| {
        format!(", chapter {}: {}", c.number, c.title)
    });
    say!();
    say!("{} `{}`{level}{title}", paint::bold("Next:"), exercise.name);
    let chapter_untouched = chapter.is_some_and(|c| {
        c.exercises
            .iter()
            .all(|e| !state.checks.contains_key(&e.id()))
    });
    if status == Status::Todo && chapter_untouched {
        say!("  read   the chapter first: `cargo course book`");
    }
    say!("  edit   {}", course.shown(&exercise.source()));
    say!(
        "  check  `cargo course check {}` (or keep `cargo course watch` running)",
        exercise.name
    );
    say!("  stuck? `cargo course hint {}`", exercise.name);
}

fn mark(status: Status) -> String {
    match status {
        Status::Solved => paint::green("✓"),
        Status::Failing => paint::red("✗"),
        Status::Unchecked => paint::yellow("•"),
        Status::Todo => paint::dim("·"),
    }
}
