//! The chapter binary as a learner uses it: `--list`, one demo, bad input.

use std::process::{Command, Output};

fn chapter(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ch05-event-loop"))
        .args(args)
        .output()
        .expect("the chapter binary was built for this test")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn list_names_every_demo_in_the_order_of_the_chapter() {
    let output = chapter(&["--list"]);
    assert!(output.status.success());
    let names: Vec<String> = text(&output.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    assert_eq!(
        names,
        [
            "block_on",
            "tasks",
            "panic",
            "callbacks",
            "sleep",
            "idle",
            "echo",
            "subprocess",
            "tokio_echo",
            "bench"
        ]
    );
}

#[test]
fn the_echo_demo_gets_every_word_back() {
    let output = chapter(&["echo"]);
    assert!(output.status.success());
    let stdout = text(&output.stdout);
    for word in ["hello", "bonjour", "hallo"] {
        assert!(
            stdout.contains(&format!("sent {word:?}, got back {word:?}")),
            "{stdout}"
        );
    }
}

#[test]
fn a_tiny_bench_prints_a_row_per_workload_with_a_ratio() {
    let output = chapter(&["bench", "--scale", "0.001"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let rows = stdout.lines().filter(|line| line.ends_with('x')).count();
    assert_eq!(rows, 4, "{stdout}");
}

#[test]
fn a_bad_scale_is_a_usage_error_not_a_panic() {
    for bad in ["abc", "-1", "0"] {
        let output = chapter(&["bench", &format!("--scale={bad}")]);
        assert_eq!(output.status.code(), Some(2), "--scale {bad}");
        let stderr = text(&output.stderr);
        assert!(stderr.contains("not a fraction"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn an_unknown_demo_exits_with_code_two_and_the_list() {
    let output = chapter(&["ecoh"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("no demo called `ecoh`"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
