//! `cargo course check` refuses a pass that calls what the exercise's `clippy.toml`
//! lists, with the reason the list gives, and lets the same exercise written by hand
//! pass.

mod sandbox;

use sandbox::{Sandbox, text};

#[test]
fn check_refuses_a_listed_call_with_its_reason_and_passes_the_hand_written_one() {
    let sandbox = Sandbox::new("check-shortcut");
    sandbox.write(
        "exercises/01-basics/double/clippy.toml",
        "disallowed-methods = [\n    { path = \"std::convert::identity\", reason = \
         \"double it yourself, with `*`\" },\n]\n",
    );
    sandbox.write(
        &Sandbox::source("double"),
        "pub fn double(x: i32) -> i32 {\n    std::convert::identity(x) * 2\n}\n",
    );
    let output = sandbox.course(&["check", "double"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        text(&output.stderr)
    );
    for expected in [
        "2/2 tests pass",
        "The tests pass, but `double` is meant to be written by hand:",
        "`std::convert::identity`\n  double it yourself, with `*`\n",
        "--> exercises/01-basics/double/src/double.rs:2:5",
    ] {
        assert!(stdout.contains(expected), "no `{expected}` in:\n{stdout}");
    }
    // The chapter's table says it too, in a few words.
    let stdout = text(&sandbox.course(&["check", "1"]).stdout);
    assert!(
        stdout.contains("2/2 tests pass, but uses `std::convert::identity`"),
        "{stdout}"
    );

    sandbox.solve("double");
    let output = sandbox.course(&["check", "double"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert!(!stdout.contains("written by hand"), "{stdout}");
}
