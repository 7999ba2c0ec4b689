//! The chapter binary as a learner uses it: `--list`, one demo, and typos.

use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch08-pin-send-cancellation");
const DEMOS: [&str; 12] = [
    "self_reference",
    "pinned_field",
    "send_fixes",
    "cancel_unsafe",
    "cancel_safe",
    "stream_cancel",
    "select_fairness",
    "select_deadline",
    "select_precondition",
    "interval_ticks",
    "async_trait",
    "async_closure",
];

#[test]
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn the_self_reference_demo_shows_the_moved_borrow_dangling_and_the_pinned_one_not() {
    let ran = run(BINARY, &["self_reference"]);
    assert!(ran.succeeded(), "{ran:?}");
    assert!(
        ran.stdout.contains("borrow still valid: false"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("pointed at 1 address over 3 steps"),
        "{}",
        ran.stdout
    );
}
