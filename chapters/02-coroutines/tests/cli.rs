//! The chapter binary as a learner uses it: `--list`, one demo, and typos.
//!
//! Running every demo takes fifteen real seconds of sleeping, so these tests run
//! only the demos that do not sleep; the timing claims are proved on the paused
//! clock by the library's own tests.

use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch02-coroutines");
const DEMOS: [&str; 6] = [
    "sequential",
    "join",
    "spawn",
    "laziness",
    "state_machine",
    "awaitable",
];

#[test]
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn the_awaitable_demo_shows_nice_interleaving_the_workers() {
    let awaitable = run(BINARY, &["awaitable"]);
    assert!(awaitable.succeeded(), "{awaitable:?}");
    let stdout = &awaitable.stdout;
    assert!(
        stdout.contains("no await between steps   a1 a2 a3 b1 b2 b3"),
        "{stdout}"
    );
    assert!(
        stdout.contains("await nice(), a struct   a1 b1 a2 b2 a3 b3"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("sequential"),
        "only `awaitable` should run:\n{stdout}"
    );
}
