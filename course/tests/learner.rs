//! `cargo course` as a learner uses it, on a sandbox course (see `sandbox/mod.rs`):
//! the overview and the list, every spelling of a name, running a chapter, checking
//! unsolved, solved and broken exercises (one broken exercise never stops another),
//! hints one at a time, reset, and closed pipes. `watch` and `book` have files of
//! their own.

mod sandbox;

use sandbox::{DOUBLE_STUB, Sandbox, text};

#[test]
fn no_arguments_shows_the_chapters_the_progress_and_the_next_step() {
    let sandbox = Sandbox::new("overview");
    let output = sandbox.course(&[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    for expected in [
        "1  Basics  · double  · greet",
        "2  Later   (being written)",
        "0/2 exercises solved",
        "Next: `double` (easy), chapter 1: Basics",
        "exercises/01-basics/double/src/double.rs",
        "cargo course check double",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

#[test]
fn list_shows_every_exercise_with_its_level_title_and_state() {
    let sandbox = Sandbox::new("list");
    sandbox.solve("double");
    assert!(sandbox.course(&["check", "double"]).status.success());
    let output = sandbox.course(&["list"]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    for expected in [
        " 1  Basics",
        "✓ double  easy    solved              Double a number",
        "· greet   medium  todo!() left        Greet by name",
        "1/2 exercises solved",
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
        "Checking 01-basics/double (cargo test -p ex01-double)",
        "✗ doubles_two_to_four  todo!() still to replace: double x",
        "✗ keeps_the_sign       todo!() still to replace: double x",
        "0/2 tests pass",
        "doubles_two_to_four:\n  not yet implemented: double x\n  \
         (at exercises/01-basics/double/src/double.rs:5:5)",
        "Stuck? `cargo course hint double` shows hint 1 of 2.",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
    assert!(
        !stdout.contains("greets_by_name"),
        "only `double` is checked:\n{stdout}"
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("Compiling ex01-double"),
        "cargo's progress is shown while it builds:\n{stderr}"
    );
    assert!(
        !stderr.contains("Finished") && !stderr.contains("Executable"),
        "cargo's bookkeeping lines are not:\n{stderr}"
    );
}

#[test]
fn a_solved_exercise_points_to_its_own_solution_page_where_the_book_has_one() {
    let sandbox = Sandbox::new("check-solved-page");
    sandbox.write(
        "book/src/01-basics/solution-double.md",
        "# Exercise 1: `double`\n",
    );
    sandbox.solve("double");
    let output = sandbox.course(&["check", "double"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert!(
        stdout.contains("and why it works: book/src/01-basics/solution-double.md"),
        "no pointer to the solution's own page in:\n{stdout}"
    );
}

#[test]
fn a_solved_exercise_points_to_its_solution_and_the_next_one() {
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
        "compare with the course's solution: solutions/01-basics/double/src/double.rs",
        "and why it works: book/src/01-basics/solutions.md",
        "Next: `greet` (medium)",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }

    let overview = text(&sandbox.course(&[]).stdout);
    assert!(overview.contains("✓ double  · greet"), "{overview}");
    assert!(overview.contains("1/2 exercises solved"), "{overview}");

    // An edit after the check: the pass is no longer trusted, nor thrown away.
    let source = Sandbox::source("double");
    let edited = sandbox.read(&source) + "// a second look\n";
    sandbox.write(&source, &edited);
    let overview = text(&sandbox.course(&[]).stdout);
    assert!(overview.contains("• double  · greet"), "{overview}");
    assert!(overview.contains("0/2 exercises solved"), "{overview}");
}

#[test]
fn an_exercise_that_does_not_compile_stops_no_other_exercise() {
    let sandbox = Sandbox::new("isolation");
    sandbox.write(
        &Sandbox::source("double"),
        "pub fn double(x: i32) -> i32 { x * }\n",
    );
    let broken = sandbox.course(&["check", "double"]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        text(&broken.stdout).contains("`double` does not compile"),
        "{}",
        text(&broken.stdout)
    );
    let stderr = text(&broken.stderr);
    assert!(
        stderr.contains("error: expected expression"),
        "the compiler's message is shown:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    // The other exercise of the chapter is checked as if nothing were wrong...
    sandbox.solve("greet");
    let other = sandbox.course(&["check", "greet"]);
    let stdout = text(&other.stdout);
    assert!(other.status.success(), "{stdout}{}", text(&other.stderr));
    assert!(stdout.contains("1/1 tests pass"), "{stdout}");

    // ...and so is the whole chapter, one row each.
    let chapter = sandbox.course(&["check", "1"]);
    let stdout = text(&chapter.stdout);
    assert_eq!(chapter.status.code(), Some(1), "{stdout}");
    for expected in [
        "✗ 01-basics/double  does not compile",
        "✓ 01-basics/greet   1/1 tests pass",
        "1/2 exercises solved",
        "`cargo course check double` shows why `double` does not compile.",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
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
    assert!(stdout.contains("2/2 exercises solved"), "{stdout}");
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
    let cases: [(&[&str], &str); 6] = [
        (
            &["check", "doubel"],
            "no exercise called `doubel` (did you mean `double`?). The exercises are:\n  01-basics",
        ),
        (&["hint", "9/double"], "double, greet"),
        (&["reset", "tripple", "--yes"], "double, greet"),
        // A negative number is a name to look up, not an option clap would refuse
        // with a tip that does not work.
        (&["check", "-1"], "no exercise called `-1`"),
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
fn the_help_describes_every_argument() {
    let sandbox = Sandbox::new("help");
    for (command, expected) in [
        ("hint", "[EXERCISE]  The exercise (fibonacci, 1/fibonacci)"),
        (
            "reset",
            "[EXERCISE]  The exercise (fibonacci, 1/fibonacci) to put back",
        ),
        ("watch", "--poll"),
        ("book", "--port <PORT>"),
    ] {
        let output = sandbox.course(&[command, "--help"]);
        let stdout = text(&output.stdout);
        assert!(output.status.success(), "{command}: {stdout}");
        assert!(
            stdout.contains(expected),
            "{command}: no `{expected}` in:\n{stdout}"
        );
    }
}

#[test]
fn hints_come_one_at_a_time_from_the_exercises_hints_file() {
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
    assert!(
        third.contains("The solution is solutions/01-basics/double/src/double.rs"),
        "{third}"
    );

    std::fs::remove_file(sandbox.root.join("exercises/01-basics/greet/hints.md")).unwrap();
    let none = sandbox.course(&["hint", "greet"]);
    assert!(none.status.success());
    assert!(
        text(&none.stdout).contains("`greet` has no hints yet"),
        "{}",
        text(&none.stdout)
    );
}

#[test]
fn run_hands_the_demo_and_its_options_to_the_chapter_and_its_exit_code_back() {
    let sandbox = Sandbox::new("run");
    let output = sandbox.course(&["run", "basics", "hello", "--list"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "demo: [\"hello\", \"--list\"]\n");
    assert!(
        text(&output.stderr).contains("Compiling ch01-basics"),
        "the chapter's first build is visible: {}",
        text(&output.stderr)
    );
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
    let source = Sandbox::source("double");
    sandbox.solve("double");
    let solved = sandbox.read(&source);

    let no = sandbox.course_answering(&["reset", "double"], "n\n");
    assert_eq!(no.status.code(), Some(1), "a refusal is not a success");
    let asked = text(&no.stdout);
    assert!(asked.contains(&format!("  {source}")), "{asked}");
    assert!(asked.contains("Reset `double` to the stubs?"), "{asked}");
    assert_eq!(sandbox.read(&source), solved, "`n` keeps the work");

    let yes = sandbox.course_answering(&["reset", "1/double"], "y\n");
    assert!(yes.status.success(), "{}", text(&yes.stderr));
    assert_eq!(sandbox.read(&source), DOUBLE_STUB);

    sandbox.solve("double");
    let scripted = sandbox.course(&["reset", "double", "--yes"]);
    assert!(scripted.status.success());
    assert_eq!(sandbox.read(&source), DOUBLE_STUB);
    let again = text(&sandbox.course(&["reset", "double", "--yes"]).stdout);
    assert!(again.contains("nothing to reset"), "{again}");
}

#[test]
fn reset_all_puts_every_exercise_back_after_one_confirmation() {
    let sandbox = Sandbox::new("reset-all");
    sandbox.solve("double");
    sandbox.solve("greet");
    assert!(sandbox.course(&["check", "1"]).status.success());

    let no = sandbox.course_answering(&["reset", "--all"], "\n");
    assert_eq!(no.status.code(), Some(1), "no answer is a no");
    assert!(text(&no.stdout).contains("Reset all 2 exercises to the stubs?"));
    assert_ne!(sandbox.read(&Sandbox::source("double")), DOUBLE_STUB);

    let yes = sandbox.course_answering(&["reset", "--all"], "yes\n");
    assert!(yes.status.success(), "{}", text(&yes.stderr));
    assert_eq!(sandbox.read(&Sandbox::source("double")), DOUBLE_STUB);
    assert!(sandbox.read(&Sandbox::source("greet")).contains("todo!("));
    let overview = text(&sandbox.course(&[]).stdout);
    assert!(overview.contains("0/2 exercises solved"), "{overview}");

    let nothing = sandbox.course(&["reset"]);
    assert_eq!(
        nothing.status.code(),
        Some(2),
        "reset needs a name or --all"
    );
}

#[test]
fn a_closed_stdout_or_stderr_ends_cargo_course_quietly() {
    let sandbox = Sandbox::new("closed-pipe");
    let listing = sandbox.course_with_closed(&["list"], sandbox::Closed::Stdout);
    assert_eq!(
        listing.status.code(),
        Some(141),
        "status 141, as a program stopped by SIGPIPE: {}",
        text(&listing.stderr)
    );
    assert!(!text(&listing.stderr).contains("panicked"));

    let complaint = sandbox.course_with_closed(&["check", "nope"], sandbox::Closed::Stderr);
    assert_eq!(
        complaint.status.code(),
        Some(141),
        "{}",
        text(&complaint.stdout)
    );
}

#[test]
fn bench_says_what_is_missing_instead_of_failing_obscurely() {
    let sandbox = Sandbox::new("bench");
    let output = sandbox.course(&["bench"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("the course has no ch05-event-loop package yet"),
        "{stderr}"
    );

    sandbox.write(
        "chapters/05-event-loop/Cargo.toml",
        "[package]\nname = \"ch05-event-loop\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    );
    sandbox.write("chapters/05-event-loop/src/main.rs", "fn main() {}\n");
    let output = sandbox.course(&["bench"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("chapters/05-event-loop/Cargo.toml has no `learner` feature yet"),
        "{stderr}"
    );
}
