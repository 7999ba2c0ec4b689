//! The chapter binary as a learner uses it: `--list`, one demo, and typos.

use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch03-futures");
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
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn the_hand_written_future_is_polled_twice_and_woken_once() {
    let ran = run(BINARY, &["hand_written_future"]);
    assert!(ran.succeeded(), "{ran:?}");
    assert!(
        ran.stdout.contains("on the main thread? false"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("polled 2 times, woken 1 time(s)"),
        "{}",
        ran.stdout
    );
}

#[test]
fn the_oneshot_demo_shows_a_page_an_error_and_a_lost_callback() {
    let ran = run(BINARY, &["oneshot"]);
    assert!(ran.succeeded(), "{ran:?}");
    assert!(
        ran.stdout.contains("Ok(<h1>http://example.com</h1>)"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("is not an http:// URL"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("Err(NoAnswer)"), "{}", ran.stdout);
}
