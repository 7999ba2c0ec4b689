//! A course in a temporary folder, for driving `cargo course` as a learner would.
//!
//! A miniature of the real repository: one chapter with code and two exercises
//! (`double`, with two hints in the book, and `greet`, with none), their solutions,
//! a book-only chapter, and a git commit of it all (so `reset` has stubs to restore).
//! The crates have no dependencies, so each sandbox builds in about a second. Every
//! sandbox has its own target folder: two copies of one workspace must not share one,
//! because cargo would take the copies' identical crates for each other.

#![allow(dead_code)] // each test file uses its own part of the sandbox

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const DOUBLE_STUB: &str = "\
//! Exercise 1: double a number.

pub fn double(x: i32) -> i32 {
    // TODO: return twice `x`.
    todo!(\"double x\")
}
";

const DOUBLE_SOLVED: &str = "\
//! Exercise 1: double a number.

pub fn double(x: i32) -> i32 {
    x * 2
}
";

const GREET_STUB: &str = "\
pub fn greet(name: &str) -> String {
    // TODO: say hello to `name`.
    todo!(\"greet {name}\")
}
";

const GREET_SOLVED: &str = "\
pub fn greet(name: &str) -> String {
    format!(\"hello, {name}\")
}
";

const TESTS: &str = "\
mod double {
    use crate::double::double;

    #[test]
    fn doubles_two_to_four() {
        assert_eq!(double(2), 4, \"two twos are four\");
    }

    #[test]
    fn keeps_the_sign() {
        assert_eq!(double(-3), -6, \"minus three, twice\");
    }
}

mod greet {
    use crate::greet::greet;

    #[test]
    fn greets_by_name() {
        assert_eq!(greet(\"ada\"), \"hello, ada\");
    }
}
";

const EXERCISES_PAGE: &str = "\
# Exercises: basics

## Exercise 1: `double` (easy)

Double a number.

<details>
<summary>Hint 1: multiplication</summary>

Two times `x`.

</details>

<details>
<summary>Hint 2: the operator</summary>

`x * 2`.

</details>

## Exercise 2: `greet` (medium)

No hints here.
";

const DEMO: &str = "\
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(\"nope\") {
        eprintln!(\"no demo called nope\");
        std::process::exit(2);
    }
    println!(\"demo: {args:?}\");
}
";

pub struct Sandbox {
    pub root: PathBuf,
}

impl Sandbox {
    /// A fresh course, unsolved, committed to git.
    pub fn new(name: &str) -> Sandbox {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("sandbox-{name}"));
        let _ = fs::remove_dir_all(&root);
        let sandbox = Sandbox { root };
        sandbox.write(
            "Cargo.toml",
            "[workspace]\nresolver = \"3\"\nmembers = [\"chapters/*\", \"exercises/*\", \"solutions/*\"]\n",
        );
        sandbox.write("chapters/01-basics/Cargo.toml", &manifest("ch01-basics"));
        sandbox.write("chapters/01-basics/src/main.rs", DEMO);
        sandbox.write("exercises/01-basics/Cargo.toml", &manifest("ex01-basics"));
        sandbox.write(
            "exercises/01-basics/src/lib.rs",
            "pub mod double;\npub mod greet;\n\n#[cfg(test)]\nmod tests;\n",
        );
        sandbox.write("exercises/01-basics/src/double.rs", DOUBLE_STUB);
        sandbox.write("exercises/01-basics/src/greet.rs", GREET_STUB);
        sandbox.write("exercises/01-basics/src/tests.rs", TESTS);
        sandbox.write("solutions/01-basics/Cargo.toml", &manifest("sol01-basics"));
        sandbox.write(
            "solutions/01-basics/src/lib.rs",
            "pub mod double;\npub mod greet;\n\n#[cfg(test)]\n\
             #[path = \"../../../exercises/01-basics/src/tests.rs\"]\nmod tests;\n",
        );
        sandbox.write("solutions/01-basics/src/double.rs", DOUBLE_SOLVED);
        sandbox.write("solutions/01-basics/src/greet.rs", GREET_SOLVED);
        sandbox.write(
            "book/src/SUMMARY.md",
            "# Summary\n\n- [1. Basics](01-basics/index.md)\n  - [Exercises](01-basics/exercises.md)\n\
             - [2. Later](02-later/index.md)\n",
        );
        sandbox.write("book/src/01-basics/index.md", "# 1. Basics\n");
        sandbox.write("book/src/01-basics/exercises.md", EXERCISES_PAGE);
        sandbox.write(
            "book/src/02-later/index.md",
            "# 2. Later\n\nBeing written.\n",
        );
        sandbox.write(".gitignore", "/target\n");
        sandbox.git(&["init", "-q"]);
        sandbox.git(&["add", "-A"]);
        sandbox.git(&["commit", "-q", "-m", "the stubs"]);
        sandbox
    }

    /// `cargo course <args>` in the sandbox, with nothing on standard input.
    pub fn course(&self, args: &[&str]) -> Output {
        self.command(args)
            .stdin(Stdio::null())
            .output()
            .expect("the course binary was built for this test")
    }

    /// `cargo course <args>`, answering `input` to its question.
    pub fn course_answering(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the course binary was built for this test");
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(input.as_bytes())
            .expect("the binary reads its answer");
        child.wait_with_output().expect("the binary finishes")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_course"));
        command
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", self.root.join("target"))
            .env("NO_COLOR", "1");
        command
    }

    /// Puts the solution of an exercise in place of its stub, as a learner's answer.
    pub fn solve(&self, exercise: &str) {
        let file = format!("01-basics/src/{exercise}.rs");
        let solved = self.read(&format!("solutions/{file}"));
        self.write(&format!("exercises/{file}"), &solved);
    }

    pub fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        fs::create_dir_all(path.parent().expect("a file is in a folder")).expect("mkdir");
        fs::write(path, text).expect("write a sandbox file");
    }

    pub fn read(&self, path: &str) -> String {
        fs::read_to_string(self.root.join(path)).expect("read a sandbox file")
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args([
                "-c",
                "user.name=course",
                "-c",
                "user.email=course@127.0.0.1",
            ])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(&self.root)
            .status()
            .expect("git is installed");
        assert!(status.success(), "git {args:?} failed");
    }
}

fn manifest(name: &str) -> String {
    format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
