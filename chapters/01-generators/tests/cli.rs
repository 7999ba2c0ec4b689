//! The chapter binary as a learner uses it: every demo, one demo, `--list`, and typos.

use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch01-generators");
const DEMOS: [&str; 5] = [
    "multi_yield",
    "infinite_sequence",
    "laziness",
    "send",
    "async_generator",
];

#[test]
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn no_arguments_runs_every_demo_under_a_heading() {
    let all = run(BINARY, &[]);
    assert!(all.succeeded(), "{all:?}");
    for (position, name) in DEMOS.iter().enumerate() {
        let heading = format!("── {}/{} {name} ──", position + 1, DEMOS.len());
        assert!(
            all.stdout.contains(&heading),
            "no heading for {name}:\n{}",
            all.stdout
        );
    }
}

#[test]
fn a_demo_name_runs_just_that_demo() {
    let send = run(BINARY, &["send"]);
    assert!(send.succeeded(), "{send:?}");
    assert!(send.stdout.contains("StopIteration(-2)"), "{}", send.stdout);
    assert!(
        !send.stdout.contains("multi_yield"),
        "only `send` should run:\n{}",
        send.stdout
    );
}
