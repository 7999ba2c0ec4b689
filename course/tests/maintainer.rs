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

/// Turns a sandbox solution's module over to patches as well: the `known-wrong`
/// crate (this repository's) as its optional dependency, and `patches` as
/// `(feature, file, text)`, beside its two whole-file wrong versions.
fn add_patches(sandbox: &Sandbox, exercise: &str, patches: &[(&str, &str, &str)]) {
    let solution = format!("solutions/01-basics/{exercise}");
    let known_wrong = concat!(env!("CARGO_MANIFEST_DIR"), "/../known-wrong");
    let mut manifest = sandbox.read(&format!("{solution}/Cargo.toml"));
    let mut lines = format!("#[cfg(not(feature = \"known-wrong\"))]\npub mod {exercise};\n");
    for (feature, file, text) in patches {
        manifest.push_str(&format!("{feature} = [\"known-wrong\"]\n"));
        lines.push_str(&format!(
            "#[cfg(feature = \"{feature}\")]\nknown_wrong::patched!(pub mod {exercise}, \"wrong/{file}\");\n"
        ));
        sandbox.write(&format!("{solution}/wrong/{file}"), text);
    }
    manifest.push_str(&format!(
        "\n[dependencies]\nknown-wrong = {{ path = {known_wrong:?}, optional = true }}\n"
    ));
    sandbox.write(&format!("{solution}/Cargo.toml"), &manifest);
    let lib = sandbox
        .read(&format!("{solution}/src/lib.rs"))
        .replace(&format!("pub mod {exercise};\n"), &lines);
    sandbox.write(&format!("{solution}/src/lib.rs"), &lib);
}

#[test]
fn verify_names_a_patch_that_does_not_apply_and_a_shortcut_clippy_lets_through() {
    let sandbox = Sandbox::new("verify-patches");
    add_patches(
        &sandbox,
        "double",
        &[
            (
                "wrong-stale",
                "stale.patch",
                "WRONG: adds instead of multiplying\n\n--- a/src/double.rs\n+++ b/src/double.rs\n\
                 @@ -3,3 +3,3 @@\n pub fn double(x: i32) -> i32 {\n-    x * 3\n+    x + x\n }\n",
            ),
            (
                "wrong-identity",
                "identity.patch",
                "SHORTCUT: calls `std::convert::identity`\n\n--- a/src/double.rs\n\
                 +++ b/src/double.rs\n@@ -3,3 +3,3 @@\n pub fn double(x: i32) -> i32 {\n\
                 -    x * 2\n+    std::convert::identity(x) * 2\n }\n",
            ),
        ],
    );
    add_patches(
        &sandbox,
        "greet",
        &[(
            "wrong-identity",
            "identity.patch",
            "SHORTCUT: calls `std::convert::identity`\n\n--- a/src/greet.rs\n\
             +++ b/src/greet.rs\n@@ -1,3 +1,3 @@\n pub fn greet(name: &str) -> String {\n\
             -    format!(\"hello, {name}\")\n+    std::convert::identity(format!(\"hello, {name}\"))\n }\n",
        )],
    );
    // double's list refuses the shortcut; greet's lists something else.
    sandbox.write(
        "exercises/01-basics/double/clippy.toml",
        "disallowed-methods = [{ path = \"std::convert::identity\", reason = \"double it yourself\" }]\n",
    );
    sandbox.write(
        "exercises/01-basics/greet/clippy.toml",
        "disallowed-methods = [{ path = \"std::mem::take\", reason = \"not that\" }]\n",
    );
    let output = sandbox.course(&["verify"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    for expected in [
        "wrong caught  shortcuts refused\n",
        // The stale patch is not built, and counts as not caught; the shortcut is refused.
        "01-basics/double      2  2/2 fail          2/2 pass              2/3  <-- !    1/1\n",
        "01-basics/greet       1  1/1 fail          1/1 pass              2/2           0/1  <-- !\n",
        "01-basics/double: solutions/01-basics/double/wrong/stale.patch does not apply to the \
         solution: in src/double.rs, hunk 1 (`@@ -3,3 +3,3 @@`) does not apply, and its lines \
         are nowhere else in the file: line 4 should be `    x * 3` but is `    x * 2`",
        "01-basics/greet: solutions/01-basics/greet/wrong/identity.patch (wrong-identity) is a \
         shortcut clippy does not refuse: list what it calls in \
         exercises/01-basics/greet/clippy.toml (\"calls `std::convert::identity`\")",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
    assert!(
        !stdout.contains("double/wrong/identity.patch"),
        "the refused shortcut is no failure:\n{stdout}"
    );
}
