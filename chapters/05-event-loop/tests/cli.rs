//! The chapter binary as a learner uses it: `--list`, one demo, bad input.

use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch05-event-loop");
const DEMOS: [&str; 10] = [
    "block_on",
    "tasks",
    "panic",
    "callbacks",
    "sleep",
    "idle",
    "echo",
    "subprocess",
    "tokio_echo",
    "bench",
];

#[test]
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn the_echo_demo_gets_every_word_back() {
    let ran = run(BINARY, &["echo"]);
    assert!(ran.succeeded(), "{ran:?}");
    for word in ["hello", "bonjour", "hallo"] {
        assert!(
            ran.stdout
                .contains(&format!("sent {word:?}, got back {word:?}")),
            "{}",
            ran.stdout
        );
    }
}

#[test]
fn a_tiny_bench_prints_a_row_per_workload_with_a_ratio() {
    let ran = run(BINARY, &["bench", "--scale", "0.001"]);
    assert!(ran.succeeded(), "{ran:?}");
    let rows = ran
        .stdout
        .lines()
        .filter(|line| line.ends_with('x'))
        .count();
    assert_eq!(rows, 4, "{}", ran.stdout);
}

#[test]
fn a_bad_scale_is_a_usage_error_not_a_panic() {
    for bad in ["abc", "-1", "0"] {
        let ran = run(BINARY, &["bench", &format!("--scale={bad}")]);
        assert_eq!(ran.code, Some(2), "--scale {bad}: {ran:?}");
        assert!(ran.stderr.contains("not a fraction"), "{}", ran.stderr);
        assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    }
}
