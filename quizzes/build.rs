//! Copies every quiz program that compiles into the quiz binary.
//!
//! The quiz files are the one source of the programs. Each program that the quiz says
//! compiles becomes a module of `$OUT_DIR/programs.rs`, so the whole set is compiled
//! with this crate, in one go, against the same tokio as the course. A program the quiz
//! says does *not* compile is left out here; `tests/answers.rs` compiles it on its own
//! and checks the error.

#[path = "src/quiz.rs"]
#[allow(dead_code)] // the build script needs only part of the model
mod quiz;

use quiz::{CHAPTERS, Expected, Quiz};
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    let mut modules = String::new();
    let mut table = String::from("/// Every program that compiles, by question id.\n");
    table.push_str("pub const PROGRAMS: &[(&str, fn())] = &[\n");

    for (stem, _) in CHAPTERS {
        let path = dir.join(format!("{stem}.toml"));
        println!("cargo::rerun-if-changed={}", path.display());
        if !path.exists() {
            continue;
        }
        let quiz = Quiz::load(&path).unwrap_or_else(|e| panic!("{e}"));
        for question in &quiz.questions {
            let (Some(program), Some(Ok(Expected::Prints(_) | Expected::Hangs(_)))) =
                (question.program(), question.expected())
            else {
                continue;
            };
            let module = question.module_name();
            // The program is shown to learners as it is, mistakes included (a forgotten
            // `.await`, say), so the workspace's lints do not apply to it. `__run` is
            // added because the program's `main` is private to its module.
            writeln!(
                modules,
                "#[allow(warnings, unused_must_use, clippy::all, clippy::unwrap_used)]\n\
                 mod {module} {{\n{program}\npub fn __run() {{ main() }}\n}}\n"
            )
            .expect("writing to a String cannot fail");
            writeln!(table, "    ({:?}, {module}::__run),", question.id)
                .expect("writing to a String cannot fail");
        }
    }
    table.push_str("];\n");
    std::fs::write(out.join("programs.rs"), modules + &table).expect("OUT_DIR is writable");
}
