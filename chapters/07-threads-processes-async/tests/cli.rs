//! The chapter binary as a learner uses it: the list, typos, bad numbers, an
//! unreachable `--url`, and the hidden worker mode of the `processes` method.

use std::io::Write as _;
use std::process::{Command, Stdio};

use ch07_threads_processes_async::{cpu_job, processes};
use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch07-threads-processes-async");
const DEMOS: [&str; 10] = [
    "server",
    "sequential",
    "threads",
    "async_all",
    "async_bounded",
    "failures",
    "io_table",
    "cpu_guard",
    "tokio_blocking",
    "cpu_table",
];

#[test]
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn a_bad_number_is_a_usage_error_not_a_panic() {
    for args in [
        ["--sites", "0"],
        ["--latency-ms", "fast"],
        ["--concurrency", "-1"],
    ] {
        let ran = run(BINARY, &args);
        assert_eq!(ran.code, Some(2), "{args:?}: {ran:?}");
        assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    }
}

#[test]
fn an_unreachable_url_is_a_clear_error_with_exit_code_one() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let url = format!("http://{closed}/");
    let ran = run(BINARY, &["sequential", "--url", &url]);
    assert_eq!(ran.code, Some(1), "{ran:?}");
    assert!(ran.stdout.contains("could not connect"), "{}", ran.stdout);
    assert!(
        ran.stderr.contains("1 of 1 downloads failed"),
        "{}",
        ran.stderr
    );
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
}

/// `run` cannot feed the binary's stdin, so the worker is started by hand.
#[test]
fn a_worker_prints_answers_and_nothing_else() {
    let mut worker = Command::new(BINARY)
        .arg(processes::WORKER_FLAG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    worker
        .stdin
        .take()
        .unwrap()
        .write_all(b"3\n1000\n")
        .unwrap();
    let output = worker.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("5\n{}\n", cpu_job::sum_of_squares_below(1000))
    );
}

#[test]
fn child_processes_give_the_sequential_answers_in_order() {
    let numbers = cpu_job::numbers(10_000, 5);
    let answers = processes::in_processes(BINARY.as_ref(), &numbers, 2).unwrap();
    assert_eq!(answers, cpu_job::sequential(&numbers));
}

#[test]
fn a_missing_worker_program_is_an_error_not_a_panic() {
    let error = processes::in_processes("/no/such/program".as_ref(), &[1, 2], 2).unwrap_err();
    assert!(
        format!("{error:#}").contains("could not start the worker"),
        "{error:#}"
    );
}
