//! The chapter binary as a learner uses it: `--list`, one demo, and a typo.
//!
//! Running every demo takes fifteen real seconds of sleeping, so these tests run
//! only the demos that do not sleep; the timing claims are proved on the paused
//! clock by the library's own tests.

use std::process::{Command, Output};

fn chapter(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ch02-coroutines"))
        .args(args)
        .output()
        .expect("the chapter binary was built for this test")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn list_names_every_demo_in_order() {
    let output = chapter(&["--list"]);
    assert!(output.status.success());
    let names: Vec<String> = text(&output.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    assert_eq!(
        names,
        [
            "sequential",
            "join",
            "spawn",
            "laziness",
            "state_machine",
            "awaitable"
        ]
    );
}

#[test]
fn the_awaitable_demo_shows_nice_interleaving_the_workers() {
    let output = chapter(&["awaitable"]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("no await between steps   a1 a2 a3 b1 b2 b3"),
        "{stdout}"
    );
    assert!(
        stdout.contains("await nice(), a struct   a1 b1 a2 b2 a3 b3"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("sequential"),
        "only `awaitable` should run:\n{stdout}"
    );
}

#[test]
fn an_unknown_demo_exits_with_code_two_and_the_list() {
    let output = chapter(&["joinn"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("no demo called `joinn`"), "{stderr}");
    assert!(
        stderr.contains("state_machine"),
        "the error should list the demos:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked"),
        "a typo is not a crash:\n{stderr}"
    );
}

#[test]
fn an_unknown_option_is_a_usage_error_with_code_two() {
    let output = chapter(&["--fast"]);
    assert_eq!(output.status.code(), Some(2));
}
