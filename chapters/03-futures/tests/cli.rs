//! The chapter binary as a learner uses it: `--list`, one demo, and a typo.

use std::process::{Command, Output};

fn chapter(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ch03-futures"))
        .args(args)
        .output()
        .expect("the chapter binary was built for this test")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const DEMOS: [&str; 12] = [
    "hand_written_future",
    "oneshot",
    "gather_order",
    "gather_return_exceptions",
    "gather_first_error",
    "gather_spawned",
    "timeout",
    "timeout_at",
    "select_sleep",
    "cancel_on_drop",
    "shield",
    "public_api",
];

#[test]
fn list_names_every_demo_in_order() {
    let output = chapter(&["--list"]);
    assert!(output.status.success());
    let names: Vec<String> = text(&output.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect();
    assert_eq!(names, DEMOS);
}

#[test]
fn the_hand_written_future_is_polled_twice_and_woken_once() {
    let output = chapter(&["hand_written_future"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("on the main thread? false"), "{stdout}");
    assert!(
        stdout.contains("polled 2 times, woken 1 time(s)"),
        "{stdout}"
    );
}

#[test]
fn the_oneshot_demo_shows_a_page_an_error_and_a_lost_callback() {
    let output = chapter(&["oneshot"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("Ok(<h1>http://example.com</h1>)"),
        "{stdout}"
    );
    assert!(stdout.contains("is not an http:// URL"), "{stdout}");
    assert!(stdout.contains("Err(NoAnswer)"), "{stdout}");
}

#[test]
fn an_unknown_demo_exits_with_code_two_and_the_list() {
    let output = chapter(&["gahter_order"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("no demo called `gahter_order`"), "{stderr}");
    assert!(stderr.contains("gather_order"), "{stderr}");
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
