//! The chapter binary as a learner uses it: `--list`, one demo, and typos.

use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch09-async-in-production");
const DEMOS: [&str; 15] = [
    "task_group",
    "group_timeout",
    "cancel_token",
    "async_cleanup",
    "graceful_shutdown",
    "primitives",
    "lost_notification",
    "task_local",
    "paused_clock",
    "paused_real_io",
    "spans",
    "metrics",
    "slow_poll",
    "task_monitor",
    "block_in_place",
];

#[test]
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn serve_help_lists_the_servers() {
    let help = run(BINARY, &["serve", "--help"]);
    assert!(help.succeeded(), "{help:?}");
    assert!(help.stdout.contains("jobs"), "{}", help.stdout);
}

#[test]
fn an_unknown_server_is_a_usage_error_not_a_panic() {
    let typo = run(BINARY, &["serve", "jbos"]);
    assert_eq!(typo.code, Some(2), "{typo:?}");
    assert!(!typo.stderr.contains("panicked"), "{typo:?}");
}

#[test]
fn an_address_in_use_is_a_clear_error_with_exit_code_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("address").to_string();
    let ran = run(BINARY, &["serve", "jobs", "--addr", &addr]);
    assert_eq!(ran.code, Some(1), "{ran:?}");
    assert!(ran.stderr.contains("could not listen on"), "{ran:?}");
    assert!(!ran.stderr.contains("panicked"), "{ran:?}");
}

#[test]
fn the_slow_poll_demo_names_the_blocking_task_and_only_it() {
    let ran = run(BINARY, &["slow_poll"]);
    assert!(ran.succeeded(), "{ran:?}");
    assert!(
        ran.stdout
            .contains("Executing <Task name='report'> took 0.2"),
        "{}",
        ran.stdout
    );
    assert!(!ran.stdout.contains("name='fetch'"), "{}", ran.stdout);
    assert!(ran.stdout.contains("slow polls: 1"), "{}", ran.stdout);
}
