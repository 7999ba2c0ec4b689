//! `cargo course`: the whole course from one command, at the repository's root.
//!
//! `.cargo/config.toml` makes `cargo course ...` mean `cargo run -p course -- ...`,
//! so a learner never types a package name or changes folder (and sees cargo's
//! progress while this tool is built the first time). The modules read top down,
//! each using only those above it: `paint` (output) and `syllabus` (what the course
//! is, read from the repository) are the ground; `state` (what the learner has
//! done), `lookup` (names to exercises) and `hints` stand on it; `compile` and
//! `test_run` run cargo and the tests, and `shortcuts` runs clippy for the calls an
//! exercise refuses; then one module per command, in the order a learner meets
//! them: where am I (`progress`), read (`book`), run the demos (`run`), do the
//! exercises (`check`, `watch`, `reset`); `verify` and `bench` are for maintainers
//! and the curious.
//!
//! Exit codes: 0 when all went well, 1 when a test failed or something could not be
//! done (with a message saying why), 2 for a name that is not in the course (with the
//! list of those that are) or a mistyped command line, 141 when the output was
//! closed (`cargo course list | head -3`).

#[macro_use]
mod paint;
mod po;
#[macro_use]
mod language;
// The known-wrong versions' patches, read as the `known-wrong` macro reads them
// (the file is that crate's; this tool uses only part of it).
#[path = "../../known-wrong/src/patch.rs"]
#[allow(dead_code)]
mod patch;
mod syllabus;
mod state;
mod lookup;
mod hints;
mod compile;
mod test_run;
mod shortcuts;
mod progress;
mod book;
mod run;
mod check;
mod watch;
mod reset;
mod verify;
mod bench;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::syllabus::Course;

#[derive(Parser)]
#[command(
    name = "cargo course",
    bin_name = "cargo course",
    about = "Take the course: your progress, the book, the demos and the exercises.",
    after_help = "With no command: the chapters, your progress and what to do next.\n\
                  An EXERCISE is its name (fibonacci), or chapter/name (1/fibonacci) when \
                  two chapters share a name.\n\
                  In Chinese (中文) with `--lang zh-CN` or a Chinese locale (LANG=zh_CN.UTF-8); \
                  `--lang en` for English whatever the locale."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Action>,
    /// The language of this tool and of the book: en, or zh-CN (中文); the locale's
    /// (LC_ALL, LC_MESSAGES, LANG) when left out.
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
}

#[derive(Subcommand)]
enum Action {
    /// Build the book and serve it on http://127.0.0.1:3000, opening your browser.
    Book {
        /// Serve without opening a browser.
        #[arg(long)]
        no_open: bool,
        /// The port to serve on (pick another when 3000 is taken; 0 for any free one).
        #[arg(long, default_value_t = 3000)]
        port: u16,
    },
    /// Run a chapter's demos: `run 1`, `run generators send`, `run 1 --list`.
    Run {
        /// The chapter: its number (1), name (generators) or folder (01-generators).
        #[arg(allow_negative_numbers = true)]
        chapter: String,
        /// The demo to run, and any options for the chapter's binary.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Every exercise, in order, with its level, title and state.
    List,
    /// Run an exercise's tests (the current one by default, or a whole chapter).
    Check {
        /// The exercise (fibonacci, 1/fibonacci) or a chapter (1, generators);
        /// the first exercise not solved yet when left out.
        #[arg(allow_negative_numbers = true)]
        exercise: Option<String>,
        /// Check every exercise of the course.
        #[arg(long, conflicts_with = "exercise")]
        all: bool,
    },
    /// Show the next hint for an exercise, one at a time.
    Hint {
        /// The exercise (fibonacci, 1/fibonacci); the first one not solved yet when
        /// left out.
        #[arg(allow_negative_numbers = true)]
        exercise: Option<String>,
        /// Start again from the first hint.
        #[arg(long)]
        again: bool,
    },
    /// Check the current exercise each time you save it; single keys steer
    /// (h hint, l list, n next, c check all, r check again, q quit).
    Watch {
        /// The exercise to start with; the first one not solved yet when left out.
        #[arg(allow_negative_numbers = true)]
        exercise: Option<String>,
        /// Look for changes every second instead of waiting for file events (for
        /// file systems that send none: WSL2's /mnt/c, network drives, some VMs).
        #[arg(long)]
        poll: bool,
    },
    /// Put an exercise back as the course gave it (its stub), after asking; your
    /// version is kept under .course/kept/.
    Reset {
        /// The exercise (fibonacci, 1/fibonacci) to put back.
        #[arg(allow_negative_numbers = true, required_unless_present = "all")]
        exercise: Option<String>,
        /// Put every exercise back, and forget your progress.
        #[arg(long, conflicts_with = "exercise")]
        all: bool,
        /// Do not ask.
        #[arg(long, short)]
        yes: bool,
        /// Bring back your version, as the last reset of the exercise kept it.
        #[arg(long, conflicts_with_all = ["all", "yes"])]
        undo: bool,
    },
    /// For maintainers: every test fails on the stubs, passes on the solutions, and
    /// catches every known-wrong solution.
    Verify {
        /// Only these chapters (all by default).
        #[arg(allow_negative_numbers = true)]
        chapters: Vec<String>,
    },
    /// Chapter 5's benchmark in release mode, with your own runtime as a column.
    Bench {
        /// More options for the bench (`cargo course bench -- --help` lists them).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Not for people: how `book` starts mdbook so that it ends when we do (book.rs).
    #[command(name = book::TIED_TO, hide = true)]
    ExecTiedTo {
        parent: u32,
        program: std::ffi::OsString,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<std::ffi::OsString>,
    },
}

fn main() -> ExitCode {
    paint::quiet_on_closed_pipe();
    let cli: Cli = language::parse_command_line();
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if let Some(Action::ExecTiedTo {
        parent,
        program,
        args,
    }) = &cli.command
    {
        return ExitCode::from(book::exec_tied_to(*parent, program, args));
    }
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
    // Once per clone: the commit the learner starts from, whose stubs are the course's.
    reset::remember_start(&course.root);
    let succeeded = match cli.command {
        None => {
            progress::command(&course);
            true
        }
        Some(Action::Book { no_open, port }) => book::command(
            &course,
            port,
            no_open,
            &language::edition(cli.lang.as_deref()),
        )?,
        Some(Action::Run { chapter, args }) => return run::command(&course, &chapter, &args),
        Some(Action::List) => {
            progress::list(&course);
            true
        }
        Some(Action::Check { exercise, all }) => check::command(&course, exercise.as_deref(), all)?,
        Some(Action::Hint { exercise, again }) => {
            hints::command(&course, exercise.as_deref(), again)?;
            true
        }
        Some(Action::Watch { exercise, poll }) => {
            watch::command(&course, exercise.as_deref(), poll)?
        }
        Some(Action::Reset {
            exercise: Some(exercise),
            undo: true,
            ..
        }) => reset::undo(&course, &exercise)?,
        Some(Action::Reset {
            exercise, all, yes, ..
        }) => reset::command(&course, exercise.as_deref(), all, yes)?,
        Some(Action::Verify { chapters }) => verify::command(&course, &chapters)?,
        Some(Action::Bench { args }) => return bench::command(&course, &args),
        Some(Action::ExecTiedTo { .. }) => anyhow::bail!("`{}` is for `book` only", book::TIED_TO),
    };
    Ok(if succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
