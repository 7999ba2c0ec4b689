//! A course in a temporary folder, for driving `cargo course` as a learner would.
//!
//! A miniature of the real repository, in the layout of `CONTRIBUTING.md`: one
//! chapter with code and two exercises, each a crate with its hints (`double`, two
//! hints; `greet`, one, and `repeat = 3` as a race test would say), their solution
//! crates with two known-wrong versions each, a book-only chapter, and a git commit
//! of it all (so `reset` has stubs to restore).
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

const DOUBLE_TESTS: &str = "\
use crate::double::double;

#[test]
fn doubles_two_to_four() {
    assert_eq!(double(2), 4, \"two twos are four\");
}

#[test]
fn keeps_the_sign() {
    assert_eq!(double(-3), -6, \"minus three, twice\");
}
";

const GREET_TESTS: &str = "\
use crate::greet::greet;

#[test]
fn greets_by_name() {
    assert_eq!(greet(\"ada\"), \"hello, ada\");
}
";

pub const DOUBLE_HINTS: &str = "\
<details>
<summary>Hint 1: multiplication</summary>

Two times `x`.

</details>

<details>
<summary>Hint 2: the operator</summary>

`x * 2`.

</details>
";

const GREET_HINTS: &str = "\
<details>
<summary>Hint 1: formatting</summary>

`format!`.

</details>
";

const EXERCISES_TOML: &str = "\
# Chapter 1's exercises, in the order a learner meets them.
[[exercise]]
name = \"double\"
title = \"Double a number\"
level = \"easy\"

[[exercise]]
name = \"greet\"
title = \"Greet by name\"
level = \"medium\"
repeat = 3
";

/// Known-wrong solutions: (exercise, feature, file, text).
const WRONGS: [(&str, &str, &str, &str); 4] = [
    (
        "double",
        "wrong-square",
        "square",
        "//! WRONG: squares instead of doubling (2 * 2 is 2 + 2)\n\n\
         pub fn double(x: i32) -> i32 {\n    x * x\n}\n",
    ),
    (
        "double",
        "wrong-abs",
        "abs",
        "//! WRONG: loses the sign\n\npub fn double(x: i32) -> i32 {\n    x.abs() * 2\n}\n",
    ),
    (
        "greet",
        "wrong-shout",
        "shout",
        "//! WRONG: shouts\n\n\
         pub fn greet(name: &str) -> String {\n    format!(\"HELLO, {name}\")\n}\n",
    ),
    (
        "greet",
        "wrong-no-comma",
        "no_comma",
        "//! WRONG: forgets the comma\n\n\
         pub fn greet(name: &str) -> String {\n    format!(\"hello {name}\")\n}\n",
    ),
];

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

pub enum Closed {
    Stdout,
    Stderr,
}

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
            "[workspace]\nresolver = \"3\"\n\
             members = [\"chapters/*\", \"exercises/*/*\", \"solutions/*/*\"]\n",
        );
        sandbox.write(
            "chapters/01-basics/Cargo.toml",
            &manifest("ch01-basics", ""),
        );
        sandbox.write("chapters/01-basics/src/main.rs", DEMO);
        sandbox.write("exercises/01-basics/exercises.toml", EXERCISES_TOML);
        let exercises = [
            (
                "double",
                DOUBLE_STUB,
                DOUBLE_SOLVED,
                DOUBLE_TESTS,
                DOUBLE_HINTS,
            ),
            ("greet", GREET_STUB, GREET_SOLVED, GREET_TESTS, GREET_HINTS),
        ];
        for (exercise, stub, solved, tests, hints) in exercises {
            let dir = format!("exercises/01-basics/{exercise}");
            sandbox.write(
                &format!("{dir}/Cargo.toml"),
                &manifest(&format!("ex01-{exercise}"), ""),
            );
            sandbox.write(
                &format!("{dir}/src/lib.rs"),
                &format!("pub mod {exercise};\n\n#[cfg(test)]\nmod tests;\n"),
            );
            sandbox.write(&format!("{dir}/src/{exercise}.rs"), stub);
            sandbox.write(&format!("{dir}/src/tests.rs"), tests);
            sandbox.write(&format!("{dir}/hints.md"), hints);

            let solution = format!("solutions/01-basics/{exercise}");
            let mut features = String::from("\n[features]\n");
            let mut lib = String::new();
            for (_, feature, file, text) in WRONGS.iter().filter(|w| w.0 == exercise) {
                features.push_str(&format!("{feature} = []\n"));
                lib.push_str(&format!(
                    "#[cfg_attr(feature = \"{feature}\", path = \"../wrong/{file}.rs\")]\n"
                ));
                sandbox.write(&format!("{solution}/wrong/{file}.rs"), text);
            }
            lib.push_str(&format!(
                "pub mod {exercise};\n\n#[cfg(test)]\n\
                 #[path = \"../../../../exercises/01-basics/{exercise}/src/tests.rs\"]\nmod tests;\n"
            ));
            sandbox.write(
                &format!("{solution}/Cargo.toml"),
                &manifest(&format!("sol01-{exercise}"), &features),
            );
            sandbox.write(&format!("{solution}/src/lib.rs"), &lib);
            sandbox.write(&format!("{solution}/src/{exercise}.rs"), solved);
        }
        sandbox.write(
            "book/src/SUMMARY.md",
            "# Summary\n\n- [1. Basics](01-basics/index.md)\n  - [Exercises](01-basics/exercises.md)\n\
             \x20 - [Solutions](01-basics/solutions.md)\n- [2. Later](02-later/index.md)\n",
        );
        sandbox.write("book/src/01-basics/index.md", "# 1. Basics\n");
        sandbox.write(
            "book/src/01-basics/exercises.md",
            "# Exercises\n\n{{#include ../../../exercises/01-basics/double/hints.md}}\n",
        );
        sandbox.write("book/src/01-basics/solutions.md", "# Solutions\n");
        sandbox.write(
            "book/src/02-later/index.md",
            "# 2. Later\n\nBeing written.\n",
        );
        sandbox.write(".gitignore", "/target\n/.course\n");
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

    /// `cargo course <args>` with one output a pipe whose reader is gone (as in
    /// `cargo course list | head -0`). The pipe is closed before the program starts:
    /// it is the standard input of a process that has already exited.
    pub fn course_with_closed(&self, args: &[&str], closed: Closed) -> Output {
        let mut reader = Command::new(env!("CARGO_BIN_EXE_course"))
            .arg("--help")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("the course binary was built for this test");
        let pipe = reader.stdin.take().expect("stdin is piped");
        reader.wait().expect("`--help` exits");
        let mut command = self.command(args);
        command.stdin(Stdio::null());
        match closed {
            Closed::Stdout => command.stdout(pipe).stderr(Stdio::piped()),
            Closed::Stderr => command.stderr(pipe).stdout(Stdio::piped()),
        };
        command.output().expect("the course binary runs")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_course"));
        command
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", self.root.join("target"))
            .env("NO_COLOR", "1")
            // English, whatever the locale of the machine running the tests
            // (`language.rs` sets a Chinese one where it means to).
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        command
    }

    /// Puts the solution of an exercise in place of its stub, as a learner's answer.
    pub fn solve(&self, exercise: &str) {
        let file = format!("01-basics/{exercise}/src/{exercise}.rs");
        let solved = self.read(&format!("solutions/{file}"));
        self.write(&format!("exercises/{file}"), &solved);
    }

    /// The learner's file of an exercise, relative to the root.
    pub fn source(exercise: &str) -> String {
        format!("exercises/01-basics/{exercise}/src/{exercise}.rs")
    }

    pub fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        fs::create_dir_all(path.parent().expect("a file is in a folder")).expect("mkdir");
        fs::write(path, text).expect("write a sandbox file");
    }

    /// Puts an executable `name` running the shell `script` in the sandbox's `bin/`
    /// (a fake mdbook, say); returns `bin/`, to go first on `PATH`.
    #[cfg(unix)]
    pub fn fake_tool(&self, name: &str, script: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        self.write(&format!("bin/{name}"), &format!("#!/bin/sh\n{script}"));
        let file = self.root.join("bin").join(name);
        fs::set_permissions(&file, fs::Permissions::from_mode(0o755)).expect("chmod");
        self.root.join("bin")
    }

    pub fn read(&self, path: &str) -> String {
        fs::read_to_string(self.root.join(path)).expect("read a sandbox file")
    }

    pub fn git(&self, args: &[&str]) {
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

fn manifest(name: &str, more: &str) -> String {
    format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n{more}")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
