//! The chapter binary as a learner uses it: one demo, `--list`, typos, and its
//! servers started with `serve`: bad addresses, SIGTERM, a closed stdout.

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
            .contains("Summary { clients: 4, requests: 8, turned_away: 0, cut_off: 0 }"),
        "{}",
        ran.stdout
    );
}

#[test]
fn serve_help_lists_the_servers() {
    let ran = run(BINARY, &["serve", "--help"]);
    assert!(ran.succeeded(), "{ran:?}");
    for server in ["tcp_echo", "unix_echo", "kv"] {
        assert!(
            ran.stdout.contains(server),
            "{server} missing: {}",
            ran.stdout
        );
    }
}

#[test]
fn a_bad_serve_address_is_a_usage_error_not_a_panic() {
    let ran = run(BINARY, &["serve", "kv", "--addr", "localhost:eighty"]);
    assert_eq!(ran.code, Some(2), "{ran:?}");
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
}

#[test]
fn a_serve_address_in_use_is_an_error_with_exit_code_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let ran = run(BINARY, &["serve", "kv", "--addr", &addr]);
    assert_eq!(ran.code, Some(1), "{ran:?}");
    assert!(
        ran.stderr.contains(&format!("could not listen on {addr}")),
        "{}",
        ran.stderr
    );
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
}

/// `serve kv` started as a learner would, its first line read for the address.
#[cfg(unix)]
mod served {
    use std::io::{BufRead as _, BufReader, Read as _, Write as _};
    use std::net::TcpStream;
    use std::process::{Child, Command, Stdio};
    use std::time::Duration;

    pub fn start() -> (Child, BufReader<std::process::ChildStdout>, String) {
        start_with(&[])
    }

    pub fn start_with(options: &[&str]) -> (Child, BufReader<std::process::ChildStdout>, String) {
        let mut child = Command::new(super::BINARY)
            .args(["serve", "kv"])
            .args(options)
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
            .unwrap_or_else(|| panic!("the first line is `listening on ADDR`, not {first:?}"))
            .to_string();
        (child, stdout, addr)
    }

    pub fn connect(addr: &str) -> (TcpStream, BufReader<TcpStream>) {
        let stream = TcpStream::connect(addr).expect("the server accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("a timeout can be set");
        let reader = BufReader::new(stream.try_clone().expect("a socket clones"));
        (stream, reader)
    }

    pub fn request(
        stream: &mut TcpStream,
        reader: &mut BufReader<TcpStream>,
        line: &str,
    ) -> String {
        writeln!(stream, "{line}").expect("the request is sent");
        let mut reply = String::new();
        reader.read_line(&mut reply).expect("a reply comes");
        reply.trim_end().to_string()
    }

    pub fn terminate(child: &Child) {
        signal(child, "TERM");
    }

    pub fn signal(child: &Child, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    pub fn rest(reader: &mut BufReader<TcpStream>) -> String {
        let mut rest = String::new();
        reader
            .read_to_string(&mut rest)
            .expect("the server closes cleanly");
        rest
    }
}

#[cfg(unix)]
#[test]
fn serve_kv_says_bye_on_sigterm_and_exits_zero() {
    let (mut child, _stdout, addr) = served::start();
    let (mut stream, mut reader) = served::connect(&addr);
    assert_eq!(served::request(&mut stream, &mut reader, "SET a 1"), "OK");
    served::terminate(&child);
    assert_eq!(served::rest(&mut reader), "BYE server shutting down\n");
    drop((stream, reader));
    let status = child.wait().expect("the server exits");
    assert_eq!(status.code(), Some(0), "a graceful shutdown exits 0");
}

#[cfg(unix)]
#[test]
fn serve_kv_says_bye_on_sighup_too_and_exits_zero() {
    // A closed terminal sends SIGHUP, which by default kills the process mid-reply.
    let (mut child, _stdout, addr) = served::start();
    let (mut stream, mut reader) = served::connect(&addr);
    assert_eq!(served::request(&mut stream, &mut reader, "SET a 1"), "OK");
    served::signal(&child, "HUP");
    assert_eq!(served::rest(&mut reader), "BYE server shutting down\n");
    drop((stream, reader));
    let status = child.wait().expect("the server exits");
    assert_eq!(status.code(), Some(0), "SIGHUP is a graceful shutdown");
}

#[test]
fn serve_help_states_the_memory_limit_and_the_idle_time() {
    let help = run(BINARY, &["serve", "--help"]);
    for option in ["--max-memory-mb", "--idle-secs", "--max-clients"] {
        assert!(help.stdout.contains(option), "{option}: {}", help.stdout);
    }
    assert!(help.stdout.contains("[default: 32]"), "{}", help.stdout);
    assert!(help.stdout.contains("[default: 30]"), "{}", help.stdout);
}

#[cfg(unix)]
#[test]
fn serve_kv_keeps_serving_when_its_stdout_is_closed() {
    let (mut child, stdout, addr) = served::start();
    drop(stdout); // nobody reads the log any more: every write to it fails
    for n in 0..20 {
        let (mut stream, mut reader) = served::connect(&addr);
        let reply = served::request(&mut stream, &mut reader, &format!("SET k{n} v"));
        assert_eq!(reply, "OK", "client {n}");
    }
    served::terminate(&child);
    assert_eq!(child.wait().expect("the server exits").code(), Some(0));
}

#[cfg(unix)]
#[test]
fn a_second_sigterm_exits_at_once_without_waiting_for_the_grace_period() {
    use std::io::{BufRead as _, Write as _};
    let (mut child, mut log, addr) = served::start_with(&["--grace-secs", "600"]);
    // One full round trip first, so the server has surely accepted this
    // connection before the signal (a connection still in the accept queue
    // would be refused service, and the server would exit 0 at once).
    let (mut stream, mut reader) = served::connect(&addr);
    assert_eq!(served::request(&mut stream, &mut reader, "SET k v"), "OK");
    // Half a line: a graceful shutdown would wait up to ten minutes for the rest.
    stream.write_all(b"SET half").unwrap();
    served::terminate(&child);
    // The log says when the first signal has been handled; then send the second.
    let mut line = String::new();
    while !line.contains("SIGTERM, shutting down") {
        line.clear();
        assert!(log.read_line(&mut line).unwrap() > 0, "the log ended early");
    }
    served::terminate(&child);
    let status = course_kit::watchdog::within(
        course_kit::watchdog::LIMIT,
        "the server ignored a second SIGTERM: it should exit at once",
        move || child.wait().unwrap(),
    );
    assert_eq!(status.code(), Some(130));
}
