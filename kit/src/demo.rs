//! Demo selection: how every chapter binary runs its demos.
//!
//! A chapter binary is a list of [`Demo`]s in the order the chapter tells them.
//! With no arguments it runs them all, each under a heading and followed by how long
//! it took; `--list` names them; names given on the command line run just those. An
//! unknown name is a usage error (exit code 2) that prints the list, so a typo
//! teaches the right spelling instead of printing a panic trace.
//!
//! A closed output ends a chapter binary quietly: `cargo run -p ch01-generators | head
//! -3` stops it with status 141, as a C program is stopped by SIGPIPE, never with a
//! panic (see [`quiet_on_closed_pipe`]).

use std::fmt::Write as _;
use std::process::ExitCode;
use std::sync::Once;
use std::time::{Duration, Instant};

/// The status of a program ended by a closed pipe, as shells report it: 128 + SIGPIPE.
pub const CLOSED_PIPE: i32 = 141;

/// One demo of a chapter: a name to run it by, a line saying what it shows, and the
/// code. `C` is whatever the chapter's binary parsed from its own options (most
/// chapters have none, hence the default `()`).
pub struct Demo<C = ()> {
    pub name: &'static str,
    pub about: &'static str,
    pub run: fn(&C) -> anyhow::Result<()>,
}

impl<C> Demo<C> {
    pub const fn new(
        name: &'static str,
        about: &'static str,
        run: fn(&C) -> anyhow::Result<()>,
    ) -> Self {
        Demo { name, about, run }
    }
}

/// The arguments every chapter binary takes. A chapter with options of its own
/// embeds this with `#[command(flatten)]`.
#[derive(Debug, Default, clap::Args)]
pub struct DemoArgs {
    /// List the demos, in the order the chapter tells them, and exit.
    #[arg(long)]
    pub list: bool,

    /// The demos to run, by name; with none, all of them run in order.
    // A negative number is a (wrong) demo name to report, not an option to refuse
    // with a tip that then reads it as a demo name anyway.
    #[arg(value_name = "DEMO", allow_negative_numbers = true)]
    pub demos: Vec<String>,
}

// The command line of a chapter that has no options of its own. (A `//` comment:
// clap would show a `///` one as the program's description; `main` sets the
// chapter's title there instead.)
#[derive(Debug, clap::Parser)]
struct PlainCli {
    #[command(flatten)]
    demos: DemoArgs,
}

/// `main` for a chapter binary with no options of its own: parse the arguments and
/// run the demos they select. `--help` opens with the chapter's title.
pub fn main(chapter: &str, demos: &[Demo]) -> ExitCode {
    use clap::{CommandFactory as _, FromArgMatches as _};
    quiet_on_closed_pipe();
    let matches = PlainCli::command()
        .about(chapter.to_string())
        .get_matches_from(std::env::args_os());
    match PlainCli::from_arg_matches(&matches) {
        Ok(cli) => run(chapter, demos, &cli.demos, &()),
        Err(error) => error.exit(),
    }
}

/// Makes a closed standard output or standard error end the program quietly, with
/// status 141, instead of with a panic and a backtrace. Called by [`main`] and
/// [`run`]; a binary that prints before either (a server started by a subcommand)
/// calls it first thing. Calling it twice is harmless.
///
/// Why a panic hook: Rust ignores SIGPIPE, so writing to a pipe whose reader is gone
/// returns an error (EPIPE), and `println!` turns that error into a panic whose
/// message starts "failed printing to stdout". The hook recognises that one panic,
/// from any thread, and exits at once; every other panic is reported as before.
/// (Restoring SIGPIPE's default would need `unsafe`; checking every `println!` would
/// need every chapter rewritten.)
pub fn quiet_on_closed_pipe() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if is_closed_output(info.payload()) {
                std::process::exit(CLOSED_PIPE);
            }
            report(info);
        }));
    });
}

/// Whether a panic's payload is `print!`'s or `eprint!`'s failure to write.
fn is_closed_output(payload: &(dyn std::any::Any + Send)) -> bool {
    let message = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("");
    message.starts_with("failed printing to stdout")
        || message.starts_with("failed printing to stderr")
}

/// Run the demos `args` selects, passing each the chapter's context `ctx`.
///
/// Exit codes: 0 when every selected demo succeeded, 1 when one returned an error
/// (the run stops there), 2 for a name that is not a demo of this chapter.
pub fn run<C>(chapter: &str, demos: &[Demo<C>], args: &DemoArgs, ctx: &C) -> ExitCode {
    quiet_on_closed_pipe();
    if args.list {
        print!("{}", listing(demos));
        return ExitCode::SUCCESS;
    }
    let selected = match select(demos, &args.demos) {
        Ok(selected) => selected,
        Err(message) => {
            eprint!("{message}");
            return ExitCode::from(2);
        }
    };

    let total = selected.len();
    if total == demos.len() {
        println!("{chapter}: {total} demos\n");
    }
    for (position, demo) in selected.into_iter().enumerate() {
        println!("{}", heading(position + 1, total, demo));
        let started = Instant::now();
        let outcome = (demo.run)(ctx);
        let took = started.elapsed();
        match outcome {
            Ok(()) => println!("   ({} took {})\n", demo.name, human(took)),
            Err(error) => {
                eprintln!("error: demo `{}` failed: {error:#}", demo.name);
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// The demos named in `names`, in the order given; all of them when `names` is empty.
/// The error is the message to print: which name is unknown, and the list.
pub fn select<'d, C>(demos: &'d [Demo<C>], names: &[String]) -> Result<Vec<&'d Demo<C>>, String> {
    if names.is_empty() {
        return Ok(demos.iter().collect());
    }
    names
        .iter()
        .map(|name| {
            demos.iter().find(|demo| demo.name == name).ok_or_else(|| {
                format!(
                    "error: there is no demo called `{name}`.\n\nThe demos are:\n{}",
                    listing(demos)
                )
            })
        })
        .collect()
}

/// The `--list` text: one demo a line, name then what it shows.
pub fn listing<C>(demos: &[Demo<C>]) -> String {
    let width = demos.iter().map(|demo| demo.name.len()).max().unwrap_or(0);
    demos.iter().fold(String::new(), |mut out, demo| {
        let _ = writeln!(out, "  {:width$}  {}", demo.name, demo.about);
        out
    })
}

fn heading<C>(position: usize, total: usize, demo: &Demo<C>) -> String {
    let title = format!("── {position}/{total} {} ── {} ", demo.name, demo.about);
    let rule = 78usize.saturating_sub(title.chars().count());
    format!("{title}{}", "─".repeat(rule))
}

/// A duration as a person reads it: `1.00s`, `2.3ms`, `41µs`.
pub fn human(took: Duration) -> String {
    let secs = took.as_secs_f64();
    if secs >= 1.0 {
        format!("{secs:.2}s")
    } else if secs >= 1e-3 {
        format!("{:.1}ms", secs * 1e3)
    } else {
        format!("{:.0}µs", secs * 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(_: &()) -> anyhow::Result<()> {
        Ok(())
    }

    const DEMOS: [Demo; 2] = [
        Demo::new("first", "the first one", ok),
        Demo::new("second", "the second one", ok),
    ];

    #[test]
    fn no_names_selects_every_demo_in_order() {
        let names: Vec<_> = select(&DEMOS, &[])
            .unwrap()
            .iter()
            .map(|d| d.name)
            .collect();
        assert_eq!(names, ["first", "second"]);
    }

    #[test]
    fn names_select_those_demos_in_the_order_given() {
        let wanted = ["second".to_string(), "first".to_string()];
        let names: Vec<_> = select(&DEMOS, &wanted)
            .unwrap()
            .iter()
            .map(|d| d.name)
            .collect();
        assert_eq!(names, ["second", "first"]);
    }

    #[test]
    fn an_unknown_name_is_an_error_that_lists_the_demos() {
        let error = select(&DEMOS, &["thrid".to_string()]).err().unwrap();
        assert!(error.contains("no demo called `thrid`"), "{error}");
        assert!(
            error.contains("first") && error.contains("second"),
            "{error}"
        );
    }

    #[test]
    fn an_unknown_name_exits_with_code_two() {
        let args = DemoArgs {
            list: false,
            demos: vec!["nope".into()],
        };
        assert_eq!(run("test", &DEMOS, &args, &()), ExitCode::from(2));
    }

    #[test]
    fn a_failing_demo_exits_with_code_one() {
        let failing = [Demo::new("fails", "returns an error", |_: &()| {
            anyhow::bail!("on purpose")
        })];
        assert_eq!(
            run("test", &failing, &DemoArgs::default(), &()),
            ExitCode::FAILURE
        );
    }

    #[test]
    fn only_a_failed_print_counts_as_a_closed_pipe() {
        let closed = String::from("failed printing to stdout: Broken pipe (os error 32)");
        assert!(is_closed_output(&closed));
        assert!(is_closed_output(
            &"failed printing to stderr: Bad file descriptor"
        ));
        assert!(!is_closed_output(&String::from("assertion failed")));
        assert!(!is_closed_output(&42));
    }

    #[test]
    fn durations_read_in_the_unit_that_fits() {
        assert_eq!(human(Duration::from_millis(2500)), "2.50s");
        assert_eq!(human(Duration::from_micros(2300)), "2.3ms");
        assert_eq!(human(Duration::from_micros(41)), "41µs");
    }
}
