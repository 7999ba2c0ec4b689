//! The chapter 7 binary: every demo of the chapter, in order, with options for the
//! server, the downloads and the CPU job; and `serve http`, the local server alone.
//!
//! `cargo run -p ch07-threads-processes-async` runs them all; `-- --list` names them;
//! `-- threads --latency-ms 100` runs one with a slower server. The two tables
//! (`io_table`, `cpu_table`) measure this machine: run them with `--release`.
//! The demos themselves (harness around the library's lessons) are in `demos/`.
//!
//! Started with the hidden option `--cpu-worker`, the binary is a worker process of
//! the `processes` method instead: it reads numbers on stdin and prints answers,
//! and nothing else.

mod demos;

use std::io::Write as _;
use std::process::ExitCode;

use ch07_threads_processes_async::processes;
use clap::Parser as _;
use course_kit::DemoArgs;

/// Chapter 7: threads vs processes vs async.
#[derive(Debug, clap::Parser)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(flatten)]
    demos: DemoArgs,

    #[command(flatten)]
    options: demos::Options,

    /// Run as a worker of the `processes` method (numbers on stdin, answers on stdout).
    #[arg(long = "cpu-worker", hide = true)]
    cpu_worker: bool,

    #[command(subcommand)]
    command: Option<demos::serve::Command>,
}

// ANCHOR: main
fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.cpu_worker {
        // A worker prints answers and nothing else: the parent parses every line.
        return match processes::worker(std::io::stdin().lock(), std::io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                let _ = writeln!(std::io::stderr(), "worker: {error:#}");
                ExitCode::FAILURE
            }
        };
    }
    // ANCHOR_END: main
    if let Some(command) = &cli.command {
        return demos::serve::run(command);
    }
    course_kit::demo::run(
        "Chapter 7: threads vs processes vs async",
        demos::DEMOS,
        &cli.demos,
        &cli.options,
    )
}
