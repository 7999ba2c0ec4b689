//! `cargo course verify`, the maintainers' check that CI runs: every exercise's tests
//! fail on the stub, pass on the solution and catch every known-wrong solution, in a
//! table, with exit code 1 otherwise; race tests run `repeat` times with figures.

mod sandbox;

use sandbox::{Sandbox, text};

#[test]
fn verify_passes_when_the_stub_fails_the_solution_passes_and_every_wrong_is_caught() {
    let sandbox = Sandbox::new("verify-ok");
    let output = sandbox.course(&["verify"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    for expected in [
        "exercise          tests  stub (must fail)  solution (must pass)  wrong caught\n\
         01-basics/double      2  2/2 fail          2/2 pass              2/2\n\
         01-basics/greet       1  1/1 fail          1/1 pass              2/2\n",
        // One cargo run for stubs and solutions, one per round of wrong versions.
        "(3 cargo runs)",
        "Race tests (repeat = N in exercises.toml):\n  01-basics/greet: 3 runs each; \
         solution failed 0; wrong-no-comma failed 3, wrong-shout failed 3\n",
        "all 2 exercises: every test fails on the stub and passes on the solution, \
         and every known-wrong solution is caught\n",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

#[test]
fn verify_fails_on_a_test_that_passes_on_the_stub() {
    let sandbox = Sandbox::new("verify-stub-passes");
    sandbox.solve("double");
    let output = sandbox.course(&["verify", "1"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    for expected in [
        "01-basics/double      2  0/2 fail  <-- !   2/2 pass              2/2",
        "01-basics/double: `keeps_the_sign` does not fail on the stub, so it tests nothing",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

#[test]
fn verify_fails_on_a_known_wrong_solution_that_the_tests_let_through() {
    let sandbox = Sandbox::new("verify-wrong-passes");
    // "Wrong", but right: no test can catch it.
    sandbox.write(
        "solutions/01-basics/double/wrong/abs.rs",
        "//! WRONG: loses the sign\n\npub fn double(x: i32) -> i32 {\n    x + x\n}\n",
    );
    let output = sandbox.course(&["verify"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    for expected in [
        "01-basics/double      2  2/2 fail          2/2 pass              1/2  <-- !",
        "01-basics/double: solutions/01-basics/double/wrong/abs.rs (wrong-abs) passes every \
         test: the tests let this mistake through (\"loses the sign\")",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}

#[test]
fn verify_fails_on_missing_hints_and_wrong_versions_that_do_not_say_or_compile() {
    let sandbox = Sandbox::new("verify-shape");
    sandbox.write(
        "exercises/01-basics/double/hints.md",
        "# Hints\n\nNone yet.\n",
    );
    std::fs::remove_file(sandbox.root.join("exercises/01-basics/greet/hints.md")).unwrap();
    sandbox.write(
        "solutions/01-basics/greet/wrong/shout.rs",
        "pub fn greet(name: &str) -> String {\n    name\n}\n",
    );
    let output = sandbox.course(&["verify"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    for expected in [
        "01-basics/double: exercises/01-basics/double/hints.md has no <details>",
        "01-basics/greet: no exercises/01-basics/greet/hints.md: every exercise has hints",
        "01-basics/greet: solutions/01-basics/greet/wrong/shout.rs must open with \
         `//! WRONG: <the mistake, in one line>`",
        "01-basics/greet: solutions/01-basics/greet/wrong/shout.rs (wrong-shout) does not \
         compile; a known-wrong solution must compile",
        "01-basics/greet       1  1/1 fail          1/1 pass              1/2  <-- !",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
}
