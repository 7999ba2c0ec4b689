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
    // The single-thread table, then the multi-thread one (on 2 workers).
    let runtimes = [
        "this loop",
        "tokio current-thread",
        "smol LocalExecutor",
        "this runtime",
        "tokio multi_thread",
        "smol Executor",
    ];
    assert!(
        ran.stdout.contains("multi-thread: 2 worker(s)"),
        "{}",
        ran.stdout
    );
    for runtime in runtimes {
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
fn bench_json_prints_every_cell_of_both_tables_as_one_object_a_line() {
    let args = [
        "bench",
        "--json",
        "--scale",
        "0.001",
        "--rows",
        "spawn,echo",
        "--runtimes",
        "ours,tokio",
        "--workers",
        "2",
    ];
    let ran = run(BINARY, &args);
    assert!(ran.succeeded(), "{ran:?}");
    let lines: Vec<&str> = ran.stdout.lines().collect();
    // 2 rows x 2 runtimes, in each table; nothing else on stdout.
    assert_eq!(lines.len(), 8, "{}", ran.stdout);
    for line in &lines {
        assert!(
            line.starts_with("{\"runtime\":") && line.ends_with('}'),
            "{line}"
        );
        for field in [
            "\"row\":",
            "\"workers\":",
            "\"best_ms\":",
            "\"ratio_to_tokio\":",
        ] {
            assert!(line.contains(field), "no {field} in {line}");
        }
    }
    let cell = |runtime: &str, workers: u32| {
        let prefix = format!("{{\"runtime\":\"{runtime}\",\"row\":\"echo\",\"workers\":{workers},");
        lines.iter().any(|line| line.starts_with(&prefix))
    };
    assert!(cell("tokio", 1) && cell("ours", 1), "{}", ran.stdout);
    assert!(
        cell("tokio_multi_thread", 2) && cell("ours_multi_thread", 2),
        "{}",
        ran.stdout
    );
}

#[test]
fn bench_scaling_draws_time_against_workers_as_svg() {
    let out = std::env::temp_dir().join(format!("ch05-scaling-{}.svg", std::process::id()));
    let path = out.to_str().expect("a UTF-8 temporary path");
    let args = [
        "bench",
        "--scaling",
        "--svg",
        path,
        "--tables",
        "multi_thread",
        "--scale",
        "0.001",
        "--rows",
        "spawn",
        "--runtimes",
        "ours,tokio",
    ];
    let ran = run(BINARY, &args);
    let svg = std::fs::read_to_string(&out);
    let _ = std::fs::remove_file(&out);
    assert!(ran.succeeded(), "{ran:?}");
    assert!(
        ran.stdout.contains("multi-thread: 1 worker(s)"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("multi-thread: 2 worker(s)"),
        "{}",
        ran.stdout
    );
    assert!(
        svg.is_ok_and(|svg| svg.contains("<svg")),
        "no chart written"
    );
}

#[test]
fn bad_bench_options_are_usage_errors_not_panics() {
    for bad in [
        ["--scale", "abc"],
        ["--rows", "nope"],
        ["--runtimes", "node"],
        ["--repeat", "0"],
        ["--workers", "0"],
        ["--tables", "both"],
        ["--svg", "chart.svg"],
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
