//! What `cargo course` must never get wrong about a learner's work and progress: a
//! save during a check is not recorded as a result, `reset` restores the course's
//! stub even after the learner committed a solution and keeps their version for
//! `--undo`, the state file keeps what a newer version wrote, every failure's
//! explanation is shown (the tests' own words first), and after a pass "Next:" is
//! the exercise after the one just solved.

mod sandbox;

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};

use sandbox::{DOUBLE_STUB, Sandbox, text};

const LEARNER: &str = "learner@127.0.0.1";

/// `cargo course <args>` as the learner, whose commits git signs with `LEARNER`.
fn as_learner(sandbox: &Sandbox, args: &[&str]) -> Output {
    sandbox
        .command(args)
        .env("GIT_AUTHOR_NAME", "learner")
        .env("GIT_AUTHOR_EMAIL", LEARNER)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the course binary runs")
}

/// `git commit -am <message>` by `email`, as the learner (or the course's author).
fn commit_all(sandbox: &Sandbox, email: &str, message: &str) {
    let status = Command::new("git")
        .args(["-c", "commit.gpgsign=false", "commit", "-q", "-am", message])
        .env("GIT_AUTHOR_NAME", "someone")
        .env("GIT_AUTHOR_EMAIL", email)
        .env("GIT_COMMITTER_NAME", "someone")
        .env("GIT_COMMITTER_EMAIL", email)
        .current_dir(&sandbox.root)
        .status()
        .expect("git is installed");
    assert!(status.success(), "git commit failed");
}

#[test]
fn a_save_during_a_check_is_not_recorded_as_the_result() {
    let sandbox = Sandbox::new("save-during-check");
    let source = Sandbox::source("double");
    sandbox.solve("double");
    // A cargo that builds for real and then, before the tests run, writes the stub
    // back: the learner saving while the check is under way.
    let stub = sandbox.root.join("stub.rs");
    std::fs::write(&stub, DOUBLE_STUB).expect("write the stub aside");
    let cargo = sandbox.root.join("bin/cargo");
    sandbox.write(
        "bin/cargo",
        &format!(
            "#!/bin/sh\n'{}' \"$@\"\nstatus=$?\ncp '{}' '{}'\nexit $status\n",
            env!("CARGO"),
            stub.display(),
            sandbox.root.join(&source).display()
        ),
    );
    std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    let output = sandbox
        .command(&["check", "double"])
        .env("CARGO", &cargo)
        .output()
        .expect("run");
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("2/2 tests pass"),
        "the tests ran on what was compiled, the solution:\n{stdout}"
    );
    assert!(
        stdout.contains("`double` changed while it was being checked"),
        "{stdout}"
    );
    assert!(stdout.contains("is not recorded"), "{stdout}");
    assert!(!stdout.contains("is solved"), "{stdout}");
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(sandbox.read(&source), DOUBLE_STUB);
    let list = text(&sandbox.course(&["list"]).stdout);
    assert!(
        list.contains("· double  easy    todo!() left"),
        "a stub is never shown as solved:\n{list}"
    );

    // A whole chapter: the same, row by row.
    sandbox.solve("double");
    let output = sandbox
        .command(&["check", "1"])
        .env("CARGO", &cargo)
        .output()
        .expect("run");
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains(
            "• 01-basics/double  2/2 tests pass, but changed while checked: not recorded"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("0/2 exercises solved"), "{stdout}");
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let list = text(&sandbox.course(&["list"]).stdout);
    assert!(list.contains("· double"), "{list}");
}

#[test]
fn reset_restores_the_courses_stub_after_the_learner_committed_a_solution() {
    let sandbox = Sandbox::new("reset-committed");
    let source = Sandbox::source("double");
    sandbox.solve("double");
    let solved = sandbox.read(&source);
    // Committed before `cargo course` ever ran: the commit's author tells it apart.
    commit_all(&sandbox, LEARNER, "mine");

    let reset = as_learner(&sandbox, &["reset", "double", "--yes"]);
    let stdout = text(&reset.stdout);
    assert!(reset.status.success(), "{stdout}{}", text(&reset.stderr));
    assert_eq!(sandbox.read(&source), DOUBLE_STUB, "{stdout}");
    assert!(
        stdout.contains("Your own commits are skipped: the stubs are the course's"),
        "{stdout}"
    );
    let kept_line = stdout
        .lines()
        .find(|line| line.contains("your version is kept in .course/kept/01-basics/double/"))
        .unwrap_or_else(|| panic!("where the solution went is printed:\n{stdout}"));
    assert!(
        kept_line.contains("`cargo course reset --undo double` puts it back"),
        "{kept_line}"
    );
    let folder = kept_line
        .split_once("kept in ")
        .and_then(|(_, rest)| rest.split_once("/ "))
        .map(|(folder, _)| folder)
        .expect("a folder");
    assert_eq!(
        sandbox.read(&format!("{folder}/src/double.rs")),
        solved,
        "the copy is the learner's file"
    );

    let undo = as_learner(&sandbox, &["reset", "--undo", "double"]);
    let stdout = text(&undo.stdout);
    assert!(undo.status.success(), "{stdout}{}", text(&undo.stderr));
    assert_eq!(sandbox.read(&source), solved, "{stdout}");
    assert!(stdout.contains(&format!("put back {source}")), "{stdout}");

    let again = as_learner(&sandbox, &["reset", "--undo", "double"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stdout).contains("No kept copy of `double`"),
        "{}",
        text(&again.stdout)
    );
    let help = text(&sandbox.course(&["reset", "--help"]).stdout);
    assert!(help.contains("--undo"), "{help}");
}

#[test]
fn undo_keeps_what_was_written_after_the_reset() {
    let sandbox = Sandbox::new("reset-undo-keeps");
    let source = Sandbox::source("double");
    sandbox.solve("double");
    let solved = sandbox.read(&source);
    assert!(
        as_learner(&sandbox, &["reset", "double", "--yes"])
            .status
            .success()
    );
    let second_try = format!("{DOUBLE_STUB}// a second try\n");
    sandbox.write(&source, &second_try);

    let undo = as_learner(&sandbox, &["reset", "--undo", "double"]);
    let stdout = text(&undo.stdout);
    assert!(undo.status.success(), "{stdout}");
    assert_eq!(sandbox.read(&source), solved);
    assert!(
        stdout.contains("what you wrote since the reset is kept in .course/kept/01-basics/double/"),
        "{stdout}"
    );
    // ...so a second undo brings the second try back.
    assert!(
        as_learner(&sandbox, &["reset", "--undo", "double"])
            .status
            .success()
    );
    assert_eq!(sandbox.read(&source), second_try);
}

#[test]
fn the_start_commit_and_the_courses_later_commits_decide_what_a_stub_is() {
    let sandbox = Sandbox::new("reset-start");
    let source = Sandbox::source("double");
    // A learner whose commits carry the same name as the course's (a maintainer
    // taking the course). The first run records where they start.
    let as_author = |args: &[&str]| {
        sandbox
            .command(args)
            .env("GIT_AUTHOR_EMAIL", "course@127.0.0.1")
            .output()
            .expect("run")
    };
    assert!(as_author(&["list"]).status.success());
    let start = sandbox.read(".course/start");
    assert!(start.len() > 40, "{start}");

    // Their own commit has the course's name, yet the commit they started at wins.
    sandbox.solve("double");
    commit_all(&sandbox, "course@127.0.0.1", "mine, as the course's author");
    let reset = as_author(&["reset", "double", "--yes"]);
    assert!(reset.status.success(), "{}", text(&reset.stderr));
    assert_eq!(sandbox.read(&source), DOUBLE_STUB);

    // A course update, pulled after the start (its author is not the learner): its
    // stub is the one restored, not the older one of the start.
    let updated = DOUBLE_STUB.replace("return twice `x`", "return twice `x` (x + x)");
    sandbox.write(&source, &updated);
    commit_all(
        &sandbox,
        "maintainer@127.0.0.1",
        "the course: a clearer TODO",
    );
    sandbox.solve("double");
    commit_all(&sandbox, LEARNER, "mine again");
    assert!(
        as_learner(&sandbox, &["reset", "double", "--yes"])
            .status
            .success()
    );
    assert_eq!(sandbox.read(&source), updated);
    let again = text(&as_learner(&sandbox, &["reset", "double", "--yes"]).stdout);
    assert!(again.contains("nothing to reset"), "{again}");
}

#[test]
fn state_lines_this_version_does_not_know_survive_a_save() {
    let sandbox = Sandbox::new("state-kept");
    sandbox.write(
        ".course/state",
        "hints 01-basics/greet 1\n\
         check 01-basics/greet pass 00000000000000aa 2030-01-01T00:00:00Z\n\
         streak 01-basics 3\n",
    );
    // Two commands that save the state.
    assert!(sandbox.course(&["hint", "double"]).status.success());
    sandbox.solve("double");
    assert!(sandbox.course(&["check", "double"]).status.success());
    let state = sandbox.read(".course/state");
    for kept in [
        "check 01-basics/greet pass 00000000000000aa 2030-01-01T00:00:00Z\n",
        "streak 01-basics 3\n",
        "hints 01-basics/greet 1\n",
        "hints 01-basics/double 1\n",
        "check 01-basics/double pass ",
    ] {
        assert!(state.contains(kept), "`{kept}` is missing from:\n{state}");
    }
}

#[test]
fn every_failure_is_explained_and_the_tests_own_words_come_first() {
    let sandbox = Sandbox::new("failures");
    // A bare panic in the learner's code (an overflow) in the first test, the test's
    // own explanation in the others.
    sandbox.write(
        "exercises/01-basics/double/src/tests.rs",
        "use crate::double::double;\n\n\
         #[test]\nfn handles_the_largest() {\n    double(i32::MAX);\n}\n\n\
         #[test]\nfn handles_the_smallest() {\n    double(i32::MIN);\n}\n\n\
         #[test]\nfn doubles_two_to_four() {\n    assert_eq!(double(2), 4, \"two twos are four\");\n}\n\n\
         #[test]\nfn keeps_the_sign() {\n    assert_eq!(double(-3), -6, \"minus three, twice\");\n}\n",
    );
    sandbox.write(
        &Sandbox::source("double"),
        "pub fn double(x: i32) -> i32 {\n    x * 2 + 1\n}\n",
    );
    let output = sandbox.course(&["check", "double"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let at = |wanted: &str| {
        stdout
            .find(wanted)
            .unwrap_or_else(|| panic!("no `{wanted}` in:\n{stdout}"))
    };
    let two = at("doubles_two_to_four:\n  assertion `left == right` failed: two twos are four");
    let sign = at("keeps_the_sign:\n  assertion `left == right` failed: minus three, twice");
    let bare = at("handles_the_largest:\n  attempt to multiply with overflow");
    assert!(
        two < sign && sign < bare,
        "the tests' explanations first, in written order, then the bare panic:\n{stdout}"
    );
    // The same words twice are said once.
    let same = at("handles_the_smallest: the same as `handles_the_largest` \
                   (at exercises/01-basics/double/src/double.rs:2:5)");
    assert!(bare < same, "{stdout}");
    assert_eq!(
        stdout
            .matches(":\n  attempt to multiply with overflow\n")
            .count(),
        1,
        "{stdout}"
    );

    // On the stub, every test says the same `todo!()`: one is enough, then a count.
    sandbox.write(&Sandbox::source("double"), DOUBLE_STUB);
    let stdout = text(&sandbox.course(&["check", "double"]).stdout);
    assert_eq!(stdout.matches("not yet implemented").count(), 1, "{stdout}");
    assert!(
        stdout.contains("3 more failing tests (the first line of each is in the list above)."),
        "{stdout}"
    );
}

/// Adds a third exercise, `triple`, to the sandbox's chapter (no solution crate).
fn add_triple(sandbox: &Sandbox) {
    let listing = sandbox.read("exercises/01-basics/exercises.toml")
        + "\n[[exercise]]\nname = \"triple\"\ntitle = \"Triple a number\"\nlevel = \"easy\"\n";
    sandbox.write("exercises/01-basics/exercises.toml", &listing);
    let dir = "exercises/01-basics/triple";
    sandbox.write(
        &format!("{dir}/Cargo.toml"),
        "[package]\nname = \"ex01-triple\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    );
    sandbox.write(
        &format!("{dir}/src/lib.rs"),
        "pub mod triple;\n\n#[cfg(test)]\nmod tests;\n",
    );
    sandbox.write(
        &format!("{dir}/src/triple.rs"),
        "pub fn triple(x: i32) -> i32 {\n    todo!(\"triple {x}\")\n}\n",
    );
    sandbox.write(
        &format!("{dir}/src/tests.rs"),
        "use crate::triple::triple;\n\n#[test]\nfn triples_two_to_six() {\n    \
         assert_eq!(triple(2), 6, \"three twos\");\n}\n",
    );
}

#[test]
fn after_a_pass_next_is_the_exercise_after_it_then_round_to_the_start() {
    let sandbox = Sandbox::new("next-after");
    add_triple(&sandbox);
    // `double` is left for later; `greet` passes: next comes `triple`, not `double`.
    sandbox.solve("greet");
    let stdout = text(&sandbox.course(&["check", "greet"]).stdout);
    assert!(stdout.contains("`greet` is solved."), "{stdout}");
    assert!(stdout.contains("Next: `triple` (easy)"), "{stdout}");

    // After the last exercise, round to the first one not solved.
    sandbox.write(
        "exercises/01-basics/triple/src/triple.rs",
        "pub fn triple(x: i32) -> i32 {\n    x * 3\n}\n",
    );
    let stdout = text(&sandbox.course(&["check", "triple"]).stdout);
    assert!(stdout.contains("`triple` is solved."), "{stdout}");
    assert!(stdout.contains("Next: `double` (easy)"), "{stdout}");
}
