//! `cargo course` as a learner uses it, on a sandbox course (see `sandbox/mod.rs`):
//! the overview, every spelling of a name, running a chapter, checking unsolved and
//! solved exercises, hints one at a time, watch, reset and the book.

mod sandbox;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use sandbox::{DOUBLE_STUB, Sandbox, text};

#[test]
fn no_arguments_shows_the_chapters_the_progress_and_the_next_step() {
    let sandbox = Sandbox::new("overview");
    let output = sandbox.course(&[]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    for expected in [
        "1  Basics  · double  · greet",
        "2  Later   (being written)",
        "0/2 exercises solved",
        "Next: `double` (easy), chapter 1: Basics",
        "exercises/01-basics/src/double.rs",
        "cargo course check double",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

#[test]
fn the_stub_fails_with_one_line_per_test_and_the_first_message_in_full() {
    let sandbox = Sandbox::new("check-stub");
    let output = sandbox.course(&["check"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a failing check exits with 1"
    );
    let stdout = text(&output.stdout);
    for expected in [
        "Checking 01-basics/double",
        "✗ doubles_two_to_four  todo!() still to replace: double x",
        "✗ keeps_the_sign       todo!() still to replace: double x",
        "0/2 tests pass",
        "tests::double::doubles_two_to_four:\n  not yet implemented: double x\n  (at exercises/01-basics/src/double.rs:5:5)",
        "Stuck? `cargo course hint double` shows hint 1 of 2.",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
    assert!(
        !stdout.contains("greets_by_name"),
        "only `double` is checked:\n{stdout}"
    );
}

#[test]
fn a_solved_exercise_passes_points_to_the_next_and_counts_in_the_progress() {
    let sandbox = Sandbox::new("check-solved");
    sandbox.solve("double");
    let output = sandbox.course(&["check", "double"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    for expected in [
        "✓ doubles_two_to_four",
        "✓ keeps_the_sign",
        "2/2 tests pass",
        "`double` is solved.",
        "Next: `greet` (medium)",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }

    let overview = text(&sandbox.course(&[]).stdout);
    assert!(overview.contains("✓ double  · greet"), "{overview}");
    assert!(overview.contains("1/2 exercises solved"), "{overview}");

    // An edit after the check: the pass is no longer trusted, nor thrown away.
    let edited = sandbox.read("exercises/01-basics/src/double.rs") + "// a second look\n";
    sandbox.write("exercises/01-basics/src/double.rs", &edited);
    let overview = text(&sandbox.course(&[]).stdout);
    assert!(overview.contains("• double  · greet"), "{overview}");
    assert!(overview.contains("0/2 exercises solved"), "{overview}");
}

#[test]
fn code_that_does_not_compile_shows_the_compiler_errors() {
    let sandbox = Sandbox::new("check-broken");
    sandbox.write(
        "exercises/01-basics/src/double.rs",
        "pub fn double(x: i32) -> i32 { x * }\n",
    );
    let output = sandbox.course(&["check", "double"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("exercises/01-basics does not compile"));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("error"),
        "the compiler's message is shown:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn check_all_runs_every_exercise_and_sums_them_up() {
    let sandbox = Sandbox::new("check-all");
    sandbox.solve("double");
    let output = sandbox.course(&["check", "--all"]);
    assert_eq!(output.status.code(), Some(1), "greet is still a stub");
    let stdout = text(&output.stdout);
    for expected in [
        "✓ 01-basics/double  2/2 tests pass",
        "✗ 01-basics/greet   0/1 tests pass",
        "1/2 exercises solved",
        "Next: `greet`",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

#[test]
fn a_whole_chapter_can_be_checked_by_its_number() {
    let sandbox = Sandbox::new("check-chapter");
    sandbox.solve("double");
    sandbox.solve("greet");
    let output = sandbox.course(&["check", "1"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("Chapter 1 is solved."), "{stdout}");
    assert!(stdout.contains("All 2 exercises solved."), "{stdout}");

    // Nothing left to check: a plain `check` says so, and is not an error.
    let nothing_left = sandbox.course(&["check"]);
    assert!(nothing_left.status.success());
    assert!(text(&nothing_left.stdout).contains("All 2 exercises solved."));
}

#[test]
fn an_exercise_answers_to_every_spelling() {
    let sandbox = Sandbox::new("spellings");
    for spelling in [
        "double",
        "1/double",
        "01/double",
        "basics/double",
        "01-basics/double",
    ] {
        let output = sandbox.course(&["hint", spelling, "--again"]);
        let stdout = text(&output.stdout);
        assert!(
            output.status.success(),
            "`{spelling}`: {}",
            text(&output.stderr)
        );
        assert!(
            stdout.contains("`double`, hint 1 of 2: multiplication"),
            "`{spelling}`:\n{stdout}"
        );
    }
}

#[test]
fn an_unknown_name_lists_the_valid_ones_and_exits_with_code_two() {
    let sandbox = Sandbox::new("unknown");
    let cases: [(&[&str], &str); 5] = [
        (
            &["check", "doubel"],
            "no exercise called `doubel` (did you mean `double`?). The exercises are:\n  01-basics",
        ),
        (&["hint", "9/double"], "double, greet"),
        (&["reset", "tripple", "--yes"], "double, greet"),
        (
            &["run", "9"],
            "no chapter called `9`. The chapters with demos are:\n   1  01-basics",
        ),
        (
            &["verify", "later-on"],
            "The chapters are:\n   1  01-basics",
        ),
    ];
    for (args, expected) in cases {
        let output = sandbox.course(args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{args:?}: no `{expected}` in:\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn hints_come_one_at_a_time_then_say_there_are_no_more() {
    let sandbox = Sandbox::new("hints");
    let first = text(&sandbox.course(&["hint", "double"]).stdout);
    assert!(
        first.contains("`double`, hint 1 of 2: multiplication\n\n  Two times `x`."),
        "{first}"
    );
    assert!(
        first.contains("1 more: `cargo course hint double` again"),
        "{first}"
    );
    let second = text(&sandbox.course(&["hint", "double"]).stdout);
    assert!(
        second.contains("hint 2 of 2: the operator\n\n  `x * 2`."),
        "{second}"
    );
    assert!(second.contains("That was the last hint"), "{second}");
    let third = text(&sandbox.course(&["hint", "double"]).stdout);
    assert!(
        third.contains("No more hints for `double`: you have seen all 2."),
        "{third}"
    );
    assert!(third.contains("solutions/01-basics/src/"), "{third}");
    let none = sandbox.course(&["hint", "greet"]);
    assert!(none.status.success());
    assert!(text(&none.stdout).contains("The book has no hints for `greet` yet"));
}

#[test]
fn run_hands_the_demo_and_its_options_to_the_chapter_and_its_exit_code_back() {
    let sandbox = Sandbox::new("run");
    let output = sandbox.course(&["run", "basics", "hello", "--list"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "demo: [\"hello\", \"--list\"]\n");
    let unknown_demo = sandbox.course(&["run", "1", "nope"]);
    assert_eq!(
        unknown_demo.status.code(),
        Some(2),
        "the chapter's own exit code"
    );
}

#[test]
fn reset_asks_first_and_restores_the_stub_only_on_yes() {
    let sandbox = Sandbox::new("reset");
    sandbox.solve("double");
    let solved = sandbox.read("exercises/01-basics/src/double.rs");

    let no = sandbox.course_answering(&["reset", "double"], "n\n");
    assert_eq!(no.status.code(), Some(1), "a refusal is not a success");
    assert!(text(&no.stdout).contains("Reset exercises/01-basics/src/double.rs to its stub?"));
    assert_eq!(
        sandbox.read("exercises/01-basics/src/double.rs"),
        solved,
        "`n` keeps the work"
    );

    let yes = sandbox.course_answering(&["reset", "1/double"], "y\n");
    assert!(yes.status.success(), "{}", text(&yes.stderr));
    assert_eq!(
        sandbox.read("exercises/01-basics/src/double.rs"),
        DOUBLE_STUB
    );

    sandbox.solve("double");
    let scripted = sandbox.course(&["reset", "double", "--yes"]);
    assert!(scripted.status.success());
    assert_eq!(
        sandbox.read("exercises/01-basics/src/double.rs"),
        DOUBLE_STUB
    );
    let again = text(&sandbox.course(&["reset", "double", "--yes"]).stdout);
    assert!(again.contains("nothing to reset"), "{again}");
}

#[test]
fn watch_checks_the_exercise_again_when_it_is_saved() {
    let sandbox = Sandbox::new("watch");
    let mut child = sandbox
        .command(&["watch"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the course binary was built for this test");
    let (lines, read) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout is piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    // A guard, not a timing claim: a build on a busy machine may take a while.
    let wait_for = |wanted: &str| loop {
        match read.recv_timeout(Duration::from_secs(120)) {
            Ok(line) if line.contains(wanted) => break,
            Ok(_) => continue,
            Err(_) => panic!("`cargo course watch` never printed `{wanted}`"),
        }
    };
    wait_for("0/2 tests pass");
    wait_for("Watching exercises/");
    sandbox.solve("double");
    wait_for("2/2 tests pass");
    wait_for("`double` is solved.");
    child.kill().expect("stop the watcher");
    let _ = child.wait();
}

#[cfg(unix)]
#[test]
fn book_serves_on_127_0_0_1_and_opens_a_browser_only_where_there_is_a_display() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new("book");
    let bin = sandbox.root.join("bin");
    let log = sandbox.root.join("mdbook-args");
    sandbox.write(
        "bin/mdbook",
        &format!("#!/bin/sh\necho \"$PWD $*\" > '{}'\n", log.display()),
    );
    std::fs::set_permissions(bin.join("mdbook"), std::fs::Permissions::from_mode(0o755))
        .expect("chmod");
    let serve = |args: &[&str], display: Option<&str>| {
        let mut command = sandbox.command(args);
        command
            .env("PATH", &bin)
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("DISPLAY");
        if let Some(display) = display {
            command.env("DISPLAY", display);
        }
        let output = command.output().expect("run the course binary");
        assert!(output.status.success(), "{}", text(&output.stderr));
        std::fs::read_to_string(&log)
            .expect("the fake mdbook ran")
            .trim()
            .to_string()
    };
    let root = sandbox.root.display();
    assert_eq!(
        serve(&["book"], None),
        format!("{root} serve book -n 127.0.0.1 -p 3000")
    );
    assert_eq!(
        serve(&["book"], Some(":0")),
        format!("{root} serve book -n 127.0.0.1 -p 3000 --open")
    );
    assert_eq!(
        serve(&["book", "--no-open", "--port", "4000"], Some(":0")),
        format!("{root} serve book -n 127.0.0.1 -p 4000")
    );
}

#[test]
fn book_without_mdbook_says_how_to_install_it_and_installs_nothing() {
    let sandbox = Sandbox::new("no-mdbook");
    let empty = sandbox.root.join("empty-path");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let output = sandbox
        .command(&["book"])
        .env("PATH", &empty)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("cargo install mdbook --version 0.5.4 --locked"),
        "{stderr}"
    );
}
