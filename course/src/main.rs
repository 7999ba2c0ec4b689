//! `cargo course`: the whole course from one command, at the repository's root.
//!
//! `.cargo/config.toml` makes `cargo course ...` mean `cargo run -q -p course -- ...`,
//! so a learner never types a package name or changes folder. Each subcommand is a
//! module, in the order a learner meets them: where am I (`progress`), read
//! (`book`), run the demos (`run`), do the exercises (`check`, `hints`, `watch`,
//! `reset`); `verify` is for maintainers. The course itself (chapters, exercises,
//! hints) is read from the repository every time by `syllabus`, never listed here.
//!
//! Exit codes: 0 when all went well, 1 when a test failed or something could not be
//! done (with a message saying why), 2 for a name that is not in the course (with the
//! list of those that are) or a mistyped command line.

#[macro_use]
mod paint;
mod syllabus;
mod lookup;
mod state;
mod progress;
mod book;
mod run;
mod test_run;
mod check;
mod hints;
mod watch;
mod reset;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::syllabus::Course;

#[derive(Parser)]
#[command(
    name = "cargo course",
    bin_name = "cargo course",
    about = "Take the course: your progress, the book, the demos and the exercises.",
    after_help = "With no command: the chapters, your progress and what to do next."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Action>,
}

#[derive(Subcommand)]
enum Action {
    /// Build the book and serve it on http://127.0.0.1:3000, opening your browser.
    Book {
        /// Serve without opening a browser.
        #[arg(long)]
        no_open: bool,
        #[arg(long, default_value_t = 3000)]
        port: u16,
    },
    /// Run a chapter's demos: `run 1`, `run generators send`, `run 1 --list`.
    Run {
        /// The chapter: its number (1), name (generators) or folder (01-generators).
        chapter: String,
        /// The demo to run, and any options for the chapter's binary.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Run an exercise's tests (the current one by default, or a whole chapter).
    Check {
        /// `fibonacci`, `1/fibonacci`, `01-generators/fibonacci`, or a chapter.
        exercise: Option<String>,
        /// Check every exercise of the course.
        #[arg(long, conflicts_with = "exercise")]
        all: bool,
    },
    /// Show the next hint for an exercise (the current one by default).
    Hint {
        exercise: Option<String>,
        /// Start again from the first hint.
        #[arg(long)]
        again: bool,
    },
    /// Check the current exercise again each time you save a file of it.
    Watch {
        /// Start with this exercise instead of the current one.
        exercise: Option<String>,
    },
    /// Put an exercise's stub back (from git), after asking.
    Reset {
        exercise: String,
        /// Do not ask.
        #[arg(long, short)]
        yes: bool,
    },
    /// For maintainers: every test fails on the stubs and passes on the solutions.
    Verify {
        /// Only these chapters (all by default).
        chapters: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => match error.downcast_ref::<lookup::Unknown>() {
            Some(unknown) => {
                eprintln!("error: {unknown}");
                ExitCode::from(2)
            }
            None => {
                eprintln!("error: {error:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let course = Course::discover()?;
    let succeeded = match cli.command {
        None => {
            progress::command(&course);
            true
        }
        Some(Action::Book { no_open, port }) => book::command(&course, port, no_open)?,
        Some(Action::Run { chapter, args }) => return run::command(&course, &chapter, &args),
        Some(Action::Check { exercise, all }) => check::command(&course, exercise.as_deref(), all)?,
        Some(Action::Hint { exercise, again }) => {
            hints::command(&course, exercise.as_deref(), again)?;
            true
        }
        Some(Action::Watch { exercise }) => watch::command(&course, exercise.as_deref())?,
        Some(Action::Reset { exercise, yes }) => reset::command(&course, &exercise, yes)?,
        Some(Action::Verify { chapters }) => verify::command(&course, &chapters)?,
    };
    Ok(if succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
