//! The chapter binary as a learner uses it: every demo, one demo, `--list`, a typo,
//! and a bad `--serve` address.

use std::process::{Command, Output};

const DEMOS: [&str; 9] = [
    "tcp_echo",
    "unix_echo",
    "backpressure",
    "broadcast",
    "watch",
    "oneshot",
    "async_for",
    "buffer_unordered",
    "kv_server",
];

fn chapter(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ch06-streams-and-channels"))
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
    assert_eq!(names, DEMOS);
}

#[test]
fn the_kv_server_demo_runs_and_ends_on_its_own() {
    let output = chapter(&["kv_server"]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert!(stdout.contains("BYE server shutting down"), "{stdout}");
    assert!(
        stdout.contains("Summary { clients: 4, requests: 8, cut_off: 0 }"),
        "{stdout}"
    );
}

#[test]
fn an_unknown_demo_exits_with_code_two_and_the_list() {
    let output = chapter(&["kv_sever"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("no demo called `kv_sever`"), "{stderr}");
    assert!(
        stderr.contains("kv_server"),
        "the error should list the demos:\n{stderr}"
    );
}

#[test]
fn a_bad_serve_address_is_a_usage_error_not_a_panic() {
    let output = chapter(&["--serve", "localhost:eighty"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_serve_address_in_use_is_an_error_with_exit_code_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let output = chapter(&["--serve", &addr]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("could not listen on {addr}")),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
