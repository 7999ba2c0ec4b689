//! The chapter binary as a learner uses it: one demo, `--list`, typos, and a bad
//! `--serve` address.

use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch06-streams-and-channels");
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

#[test]
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn the_kv_server_demo_runs_and_ends_on_its_own() {
    let ran = run(BINARY, &["kv_server"]);
    assert!(ran.succeeded(), "{ran:?}");
    assert!(
        ran.stdout.contains("BYE server shutting down"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .contains("Summary { clients: 4, requests: 8, cut_off: 0 }"),
        "{}",
        ran.stdout
    );
}

#[test]
fn a_bad_serve_address_is_a_usage_error_not_a_panic() {
    let ran = run(BINARY, &["--serve", "localhost:eighty"]);
    assert_eq!(ran.code, Some(2), "{ran:?}");
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
}

#[test]
fn a_serve_address_in_use_is_an_error_with_exit_code_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let ran = run(BINARY, &["--serve", &addr]);
    assert_eq!(ran.code, Some(1), "{ran:?}");
    assert!(
        ran.stderr.contains(&format!("could not listen on {addr}")),
        "{}",
        ran.stderr
    );
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
}
