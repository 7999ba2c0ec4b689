//! The chapter binary as a learner uses it: `--list`, one demo, and typos.

use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch04-tasks-and-runners");
const DEMOS: [&str; 12] = [
    "spawn",
    "join_set",
    "abort",
    "task_panic",
    "task_group",
    "send_fixes",
    "runner",
    "tokio_main",
    "blocking_stall",
    "spawn_blocking",
    "async_api",
    "sync_to_async",
];

#[test]
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn the_task_panic_demo_reports_the_panic_as_a_value_and_exits_cleanly() {
    let task_panic = run(BINARY, &["task_panic"]);
    assert!(task_panic.succeeded(), "{task_panic:?}");
    let stdout = &task_panic.stdout;
    assert!(
        stdout.contains("buggy task: Err(\"index out of bounds"),
        "{stdout}"
    );
    assert!(stdout.contains("steady task: Ok(42)"), "{stdout}");
    assert!(
        !task_panic.stderr.contains("panicked at"),
        "the demo's hook replaces the default panic message"
    );
}
