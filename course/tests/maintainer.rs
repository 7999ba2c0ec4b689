//! `cargo course verify`, the maintainer's check that CI runs: every exercise's tests
//! fail on the stub and pass on the solution, in a table, with exit code 1 otherwise.

mod sandbox;

use sandbox::{Sandbox, text};

#[test]
fn verify_passes_when_every_test_fails_on_the_stub_and_passes_solved() {
    let sandbox = Sandbox::new("verify-ok");
    let output = sandbox.course(&["verify"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert_eq!(
        stdout,
        "exercise          tests  stub (must fail)  solution (must pass)\n\
         01-basics/double      2  2/2 fail          2/2 pass\n\
         01-basics/greet       1  1/1 fail          1/1 pass\n\
         \n\
         all 2 exercises: every test fails on the stub and passes on the solution\n"
    );
}

#[test]
fn verify_fails_on_a_test_that_passes_on_the_stub() {
    let sandbox = Sandbox::new("verify-stub-passes");
    sandbox.solve("double");
    let output = sandbox.course(&["verify", "1"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("01-basics/double      2  0/2 fail  <-- !   2/2 pass"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "01-basics: `tests::double::keeps_the_sign` passes on the stub, so it tests nothing"
        ),
        "{stdout}"
    );
}
