//! The chapter binary as a learner uses it: the list, typos, bad numbers, an
//! unreachable `--url`, an endless one, the hidden worker mode of the `processes`
//! method, and `serve http`.

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
        ["--cpu-base", "0"],
        ["--body-size", "100000000"],
        ["--latency-ms", "20000"],
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

#[test]
fn a_worker_answers_at_once_and_exits_when_its_stdin_closes() {
    use std::io::BufRead as _;
    let mut worker = Command::new(BINARY)
        .arg(processes::WORKER_FLAG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = worker.stdin.take().unwrap();
    stdin.write_all(b"1000\n").unwrap();
    // The answer comes while stdin is still open: the parent reads as it goes.
    let mut answers = std::io::BufReader::new(worker.stdout.take().unwrap());
    let mut answer = String::new();
    answers.read_line(&mut answer).unwrap();
    assert_eq!(
        answer.trim(),
        cpu_job::sum_of_squares_below(1000).to_string()
    );
    // The parent goes away (killed or done): its end of the pipe closes.
    drop(stdin);
    let status = course_kit::watchdog::within(
        course_kit::watchdog::LIMIT,
        "the worker kept running after its stdin closed: it must stop at end of input",
        move || worker.wait().unwrap(),
    );
    assert!(status.success());
}

#[test]
fn an_endless_url_body_is_cut_off_at_the_cap() {
    use std::io::Write as _;
    // A server that sends headers, then bytes for ever.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                // The request first (one read holds it), then the endless answer.
                let _ = std::io::Read::read(&mut stream, &mut [0u8; 4096]);
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\n");
                while stream.write_all(&[b'x'; 64 * 1024]).is_ok() {}
            });
        }
    });
    let url = format!("http://{addr}/");
    for demo in ["sequential", "async_all"] {
        let ran = run(BINARY, &[demo, "--url", &url, "--max-body", "100000"]);
        assert_eq!(ran.code, Some(1), "{ran:?}");
        assert!(
            ran.stdout.contains("longer than 100000 bytes"),
            "{demo}: {}",
            ran.stdout
        );
    }
}

/// Start `serve http` with `options`; the process and the address it listens on.
#[cfg(unix)]
fn start_serve_http(options: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead as _;
    let mut server = Command::new(BINARY)
        .args(["serve", "http", "--latency-ms", "0"])
        .args(options)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the chapter binary starts");
    let mut first = String::new();
    let stdout = server.stdout.take().expect("stdout is piped");
    std::io::BufReader::new(stdout)
        .read_line(&mut first)
        .expect("serve http prints its first line");
    let addr = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the first line is `listening on ADDR`, not {first:?}"))
        .to_string();
    (server, addr)
}

/// Send `signal` to `server`; its exit code, watched.
#[cfg(unix)]
fn stop(mut server: std::process::Child, signal: &str) -> Option<i32> {
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &server.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let why = format!("serve http did not exit after SIG{signal}: the signal is not handled");
    let status = course_kit::watchdog::within(course_kit::watchdog::LIMIT, &why, move || {
        server.wait().expect("the server can be waited for")
    });
    status.code()
}

#[cfg(unix)]
#[test]
fn serve_http_refuses_garbage_and_exits_zero_on_sigterm() {
    use std::io::Read as _;
    let (server, addr) = start_serve_http(&[]);
    let mut client = std::net::TcpStream::connect(&addr).unwrap();
    client.write_all(b"hello?\r\n\r\n").unwrap();
    let mut answer = String::new();
    client.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 400 Bad Request"), "{answer}");
    drop(client);
    assert_eq!(stop(server, "TERM"), Some(0));
}

#[cfg(unix)]
#[test]
fn serve_http_stops_gracefully_on_sighup_too() {
    use std::io::Read as _;
    let (server, addr) = start_serve_http(&[]);
    let mut client = std::net::TcpStream::connect(&addr).unwrap();
    client
        .write_all(b"GET /site/1 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    client.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    // A closed terminal sends SIGHUP: by default it kills the process mid-answer.
    assert_eq!(stop(server, "HUP"), Some(0), "SIGHUP is a graceful stop");
}

#[cfg(unix)]
#[test]
fn serve_http_turns_away_a_client_past_max_connections() {
    use std::io::Read as _;
    let (server, addr) = start_serve_http(&["--max-connections", "1"]);
    let mut first = std::net::TcpStream::connect(&addr).unwrap();
    // One round trip: once it is answered, the first connection is surely accepted.
    first
        .write_all(b"GET /site/1 HTTP/1.1\r\nhost: x\r\n\r\n")
        .unwrap();
    let mut head = [0u8; 15];
    first.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 200 OK");
    let mut second = std::net::TcpStream::connect(&addr).unwrap();
    let mut answer = String::new();
    second.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 503 Service Unavailable"),
        "{answer}"
    );
    drop(first);
    assert_eq!(stop(server, "TERM"), Some(0));
}

#[test]
fn serve_help_shows_the_connection_cap_and_zero_is_a_usage_error() {
    let help = run(BINARY, &["serve", "--help"]);
    assert!(help.stdout.contains("--max-connections"), "{}", help.stdout);
    assert!(help.stdout.contains("[default: 1024]"), "{}", help.stdout);
    let zero = run(BINARY, &["serve", "http", "--max-connections", "0"]);
    assert_eq!(zero.code, Some(2), "{zero:?}");
}
