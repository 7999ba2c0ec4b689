//! Runs one quiz program by its question id: `cargo run -p quizzes -- ch02-join`.
//!
//! Each program is a module generated from its quiz file by `build.rs`; running each one
//! in a process of its own gives it a fresh runtime and its own stdout to compare.

use std::process::ExitCode;

include!(concat!(env!("OUT_DIR"), "/programs.rs"));

fn main() -> ExitCode {
    let arg = std::env::args().nth(1).unwrap_or_default();
    if arg == "--list" {
        for (id, _) in PROGRAMS {
            println!("{id}");
        }
        return ExitCode::SUCCESS;
    }
    match PROGRAMS.iter().find(|(id, _)| *id == arg) {
        Some((_, run)) => {
            run();
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("usage: quizzes <question id> | --list (no program is called {arg:?})");
            ExitCode::from(2)
        }
    }
}
