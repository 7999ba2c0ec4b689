//! `cargo course` with no arguments: where you are in the course and what comes next.
//!
//! The chapters in order with their exercises, each marked by its last check (or by
//! the `todo!()` still in it), a bar of exercises solved, and the next thing to do.
//! Nothing is compiled or run: the marks come from the state file, and a mark whose
//! files changed since is shown as "not checked" rather than trusted.

use crate::language::{self, pad};
use crate::lookup;
use crate::paint;
use crate::state::{State, Status};
use crate::syllabus::{Course, Exercise};

pub fn command(course: &Course) {
    let state = State::load(&course.root);
    say!(
        "{}",
        paint::bold(t!("Async Rust for Python asyncio programmers"))
    );
    say!();
    let title = |chapter: &crate::syllabus::Chapter| {
        language::chapter_title(&course.root, chapter.number, &chapter.title)
    };
    let width = course
        .chapters
        .iter()
        .map(|c| language::width(&title(c)))
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
            paint::dim(t!("(exercises being written)"))
        } else if chapter.number == 0 {
            paint::dim(t!("(book only)"))
        } else {
            paint::dim(t!("(being written)"))
        };
        say!(
            "{:>3}  {}  {exercises}",
            chapter.number,
            pad(&title(chapter), width)
        );
    }
    say!();
    say!(
        "     {}",
        paint::dim(&t!(
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
    // Two lines, so that the commands fit a terminal of 80 columns and more.
    say!(
        "{}",
        paint::dim(t!(
            "Commands: cargo course book | run <chapter> [demo] | list | check [exercise] [--all]"
        ))
    );
    say!(
        "{}",
        paint::dim(t!(
            "          hint [exercise] | watch | reset <exercise>  (more: cargo course help)"
        ))
    );
}

/// `cargo course list`: every exercise, in course order, with its level, title and
/// state, so a learner can pick one (`cargo course check <name>`).
pub fn list(course: &Course) {
    let state = State::load(&course.root);
    let width = course.exercises().map(|e| e.name.len()).max().unwrap_or(8);
    let levels = ["easy", "medium", "hard"].map(level);
    let level_width = levels.iter().map(|l| language::width(l)).max().unwrap_or(6);
    let states = [
        Status::Solved,
        Status::Failing,
        Status::Unchecked,
        Status::Todo,
    ];
    let state_width = states
        .map(|s| language::width(describe(s)))
        .into_iter()
        .max()
        .unwrap_or(18);
    for chapter in course.chapters.iter().filter(|c| !c.exercises.is_empty()) {
        let title = language::chapter_title(&course.root, chapter.number, &chapter.title);
        say!(
            "{}",
            paint::bold(&format!("{:>2}  {title}", chapter.number))
        );
        for exercise in &chapter.exercises {
            let status = state.status(course, exercise);
            say!(
                "    {} {:width$}  {}  {}  {}",
                mark(status),
                exercise.name,
                pad(&level(&exercise.level), level_width),
                pad(describe(status), state_width),
                language::title(&exercise.title)
            );
        }
    }
    let total = course.exercises().count();
    if total == 0 {
        say!(
            "{}",
            t!("No exercises yet: start reading with `cargo course book`.")
        );
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
        Status::Solved => t!("solved"),
        Status::Failing => t!("failing"),
        Status::Unchecked => t!("changed, unchecked"),
        Status::Todo => t!("todo!() left"),
    }
}

/// An exercise's level (`easy`, `medium`, `hard`) in the terminal's language.
pub fn level(english: &str) -> String {
    match english {
        "easy" => t!("easy").to_string(),
        "medium" => t!("medium").to_string(),
        "hard" => t!("hard").to_string(),
        other => other.to_string(),
    }
}

/// `[██████░░░░░░░░░░░░░░]  3/9 exercises solved`
pub fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 24;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}] {}",
        paint::green(&"█".repeat(filled)),
        paint::dim(&"░".repeat(WIDTH - filled)),
        t!("{}/{} exercises solved", done, total)
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
            say!(
                "{}",
                t!("No exercises yet: start reading with `cargo course book`.")
            );
        } else {
            say!(
                "{}",
                paint::green(&t!("All {} exercises solved. Well done!", total))
            );
        }
        return;
    };
    let chapter = course.chapter(&exercise.chapter);
    let shown_level = t!(" ({})", level(&exercise.level));
    let title = chapter.map_or(String::new(), |c| {
        let title = language::chapter_title(&course.root, c.number, &c.title);
        t!(", chapter {}: {}", c.number, title)
    });
    say!();
    // The label brings its own space: after a full-width colon there is none.
    say!(
        "{}`{}`{shown_level}{title}",
        paint::bold(t!("Next: ")),
        exercise.name
    );
    let chapter_untouched = chapter.is_some_and(|c| {
        c.exercises
            .iter()
            .all(|e| !state.checks.contains_key(&e.id()))
    });
    if status == Status::Todo && chapter_untouched {
        say!("{}", t!("  read   the chapter first: `cargo course book`"));
    }
    say!("{}", t!("  edit   {}", course.shown(&exercise.source())));
    say!(
        "{}",
        t!(
            "  check  `cargo course check {}` (or keep `cargo course watch` running)",
            exercise.name
        )
    );
    say!("{}", t!("  stuck? `cargo course hint {}`", exercise.name));
}

fn mark(status: Status) -> String {
    match status {
        Status::Solved => paint::green("✓"),
        Status::Failing => paint::red("✗"),
        Status::Unchecked => paint::yellow("•"),
        Status::Todo => paint::dim("·"),
    }
}
