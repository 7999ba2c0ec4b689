//! Demo selection: how every chapter binary runs its demos.
//!
//! A chapter binary is a list of [`Demo`]s in the order the chapter tells them.
//! With no arguments it runs them all, each under a heading and followed by how long
//! it took; `--list` names them; names given on the command line run just those. An
//! unknown name is a usage error (exit code 2) that prints the list, so a typo
//! teaches the right spelling instead of printing a panic trace.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::{Duration, Instant};

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
    #[arg(value_name = "DEMO")]
    pub demos: Vec<String>,
}

/// The command line of a chapter that has no options of its own.
#[derive(Debug, clap::Parser)]
struct PlainCli {
    #[command(flatten)]
    demos: DemoArgs,
}

/// `main` for a chapter binary with no options of its own: parse the arguments and
/// run the demos they select.
pub fn main(chapter: &str, demos: &[Demo]) -> ExitCode {
    use clap::Parser as _;
    let cli = PlainCli::parse_from(std::env::args_os());
    run(chapter, demos, &cli.demos, &())
}

/// Run the demos `args` selects, passing each the chapter's context `ctx`.
///
/// Exit codes: 0 when every selected demo succeeded, 1 when one returned an error
/// (the run stops there), 2 for a name that is not a demo of this chapter.
pub fn run<C>(chapter: &str, demos: &[Demo<C>], args: &DemoArgs, ctx: &C) -> ExitCode {
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
    fn durations_read_in_the_unit_that_fits() {
        assert_eq!(human(Duration::from_millis(2500)), "2.50s");
        assert_eq!(human(Duration::from_micros(2300)), "2.3ms");
        assert_eq!(human(Duration::from_micros(41)), "41µs");
    }
}
