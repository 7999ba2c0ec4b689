//! The chapter binary as a learner uses it: `--list`, one demo, bad input, the
//! `serve` command and the trace chart.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use course_kit::binary::{assert_selects_demos, run};

const BINARY: &str = env!("CARGO_BIN_EXE_ch05-event-loop");
const DEMOS: [&str; 11] = [
    "block_on",
    "tasks",
    "panic",
    "callbacks",
    "sleep",
    "idle",
    "echo",
    "subprocess",
    "tokio_echo",
    "many_threads",
    "bench",
];

#[test]
fn lists_its_demos_and_rejects_typos_with_code_two() {
    assert_selects_demos(BINARY, &DEMOS);
}

#[test]
fn the_echo_demo_gets_every_word_back() {
    let ran = run(BINARY, &["echo"]);
    assert!(ran.succeeded(), "{ran:?}");
    for word in ["hello", "bonjour", "hallo"] {
        let line = format!("sent {word:?}, got back {word:?}");
        assert!(ran.stdout.contains(&line), "{}", ran.stdout);
    }
}

#[test]
fn a_tiny_bench_of_chosen_rows_and_runtimes_prints_one_line_each() {
    let args = [
        "bench",
        "--scale",
        "0.001",
        "--rows",
        "spawn,echo",
        "--runtimes",
        "ours,tokio,smol",
    ];
    let ran = run(BINARY, &args);
    assert!(ran.succeeded(), "{ran:?}");
    for runtime in ["this loop", "tokio current-thread", "smol LocalExecutor"] {
        let line = ran.stdout.lines().find(|line| line.starts_with(runtime));
        let line = line.unwrap_or_else(|| panic!("no line for {runtime}:\n{}", ran.stdout));
        let ratios = line
            .split_whitespace()
            .filter(|word| {
                word.strip_suffix('x')
                    .is_some_and(|n| n.parse::<f64>().is_ok())
            })
            .count();
        assert_eq!(ratios, 2, "two cells, each with a ratio to tokio: {line}");
    }
}

#[test]
fn bad_bench_options_are_usage_errors_not_panics() {
    for bad in [
        ["--scale", "abc"],
        ["--rows", "nope"],
        ["--runtimes", "node"],
        ["--repeat", "0"],
    ] {
        let ran = run(BINARY, &["bench", bad[0], bad[1]]);
        assert_eq!(ran.code, Some(2), "{bad:?}: {ran:?}");
        assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    }
}

#[test]
fn the_learner_column_without_the_feature_says_how_to_get_it() {
    if cfg!(feature = "learner") {
        return;
    }
    let ran = run(
        BINARY,
        &["bench", "--learner", "--scale", "0.001", "--rows", "spawn"],
    );
    assert_eq!(ran.code, Some(1), "{ran:?}");
    assert!(ran.stderr.contains("--features learner"), "{}", ran.stderr);
}

#[test]
fn serve_lists_its_servers() {
    let ran = run(BINARY, &["serve", "--help"]);
    assert!(ran.succeeded(), "{ran:?}");
    assert!(
        ran.stdout.contains("echo") && ran.stdout.contains("tokio_echo"),
        "{}",
        ran.stdout
    );
}

/// Start `serve <server>`, talk to it, stop it with `signal` (TERM, HUP): it must
/// print the listening line first, echo, and exit 0.
fn serve_echoes_and_exits_cleanly_on(signal: &str, server: &str) {
    let mut child = Command::new(BINARY)
        .args(["serve", server, "--grace-secs", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the chapter binary starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("a first line");
    let addr = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the first line should be `listening on ADDR`: {first:?}"))
        .to_string();
    let mut stream = std::net::TcpStream::connect(&addr).expect("connect to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout can be set");
    stream.write_all(b"ping\n").expect("send to the server");
    let mut reply = [0; 5];
    stream.read_exact(&mut reply).expect("the echo comes back");
    assert_eq!(&reply, b"ping\n");
    drop(stream);
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let exited = child.wait().expect("the server exits");
    assert_eq!(
        exited.code(),
        Some(0),
        "SIG{signal}: a graceful shutdown exits 0"
    );
}

#[test]
#[cfg(unix)]
fn serve_echo_echoes_and_exits_cleanly_on_sigterm() {
    serve_echoes_and_exits_cleanly_on("TERM", "echo");
}

#[test]
#[cfg(unix)]
fn serve_tokio_echo_echoes_and_exits_cleanly_on_sigterm() {
    serve_echoes_and_exits_cleanly_on("TERM", "tokio_echo");
}

/// A closed terminal sends SIGHUP; by default it kills the process mid-echo.
#[test]
#[cfg(unix)]
fn serve_echo_and_tokio_echo_exit_cleanly_on_sighup_too() {
    serve_echoes_and_exits_cleanly_on("HUP", "echo");
    serve_echoes_and_exits_cleanly_on("HUP", "tokio_echo");
}

#[test]
fn trace_writes_an_svg_chart_with_a_lane_per_task() {
    let out = std::env::temp_dir().join(format!("ch05-trace-{}.svg", std::process::id()));
    let ran = run(BINARY, &["trace", "sleep", "--out", out.to_str().unwrap()]);
    assert!(ran.succeeded(), "{ran:?}");
    let svg = std::fs::read_to_string(&out).expect("the chart was written");
    let _ = std::fs::remove_file(&out);
    // plotters writes a `<text>` element's text on a line of its own.
    assert!(
        svg.starts_with("<svg") && svg.contains(">\ntask 1\n</text>"),
        "{svg}"
    );
}
