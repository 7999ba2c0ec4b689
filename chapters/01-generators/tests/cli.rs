//! The chapter binary as a learner uses it: every demo, one demo, `--list`, and a typo.

use std::process::{Command, Output};

fn chapter(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ch01-generators"))
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
            "multi_yield",
            "infinite_sequence",
            "laziness",
            "send",
            "async_generator"
        ]
    );
}

#[test]
fn no_arguments_runs_every_demo_under_a_heading() {
    let output = chapter(&[]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    for (position, name) in [
        "multi_yield",
        "infinite_sequence",
        "laziness",
        "send",
        "async_generator",
    ]
    .iter()
    .enumerate()
    {
        assert!(
            stdout.contains(&format!("── {}/5 {name} ──", position + 1)),
            "no heading for {name}:\n{stdout}"
        );
    }
}

#[test]
fn a_demo_name_runs_just_that_demo() {
    let output = chapter(&["send"]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    assert!(stdout.contains("StopIteration(-2)"), "{stdout}");
    assert!(
        !stdout.contains("multi_yield"),
        "only `send` should run:\n{stdout}"
    );
}

#[test]
fn an_unknown_demo_exits_with_code_two_and_the_list() {
    let output = chapter(&["mulit_yield"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("no demo called `mulit_yield`"), "{stderr}");
    assert!(
        stderr.contains("multi_yield"),
        "the error should list the demos:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked"),
        "a typo is not a crash:\n{stderr}"
    );
}

#[test]
fn an_unknown_option_is_a_usage_error_with_code_two() {
    let output = chapter(&["--lsit"]);
    assert_eq!(output.status.code(), Some(2));
}
