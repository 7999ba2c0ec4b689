//! `serve jobs` as a real process, stopped by real signals sent with `kill`.
//!
//! Signals go to a whole process, so these tests start the chapter binary as a child,
//! as a service manager would, and talk to it over 127.0.0.1.

use std::io::{BufReader, Write as _};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_ch09-async-in-production");

struct Service {
    child: Child,
    stdout: BufReader<ChildStdout>,
    addr: String,
}

impl Service {
    fn start(grace_ms: u64) -> Service {
        let mut child = Command::new(BINARY)
            .args(["serve", "jobs", "--grace-ms", &grace_ms.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the chapter binary");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let first = read_line(&mut stdout);
        let addr = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("the first line should be `listening on ADDR`: {first:?}"))
            .to_string();
        assert!(addr.starts_with("127.0.0.1:"), "{addr}");
        Service {
            child,
            stdout,
            addr,
        }
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// The next line of the service's log that starts with `prefix`, skipping others.
    fn wait_for(&mut self, prefix: &str) -> String {
        loop {
            let line = read_line(&mut self.stdout);
            if line.starts_with(prefix) {
                return line;
            }
            assert!(
                !line.is_empty(),
                "the log ended before a line `{prefix}...`"
            );
        }
    }

    /// Wait for the process to end (at most 10 s), and give its exit code.
    fn exit_code(&mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the child") {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the service did not exit within 10 s of the signal");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_line(from: &mut impl std::io::BufRead) -> String {
    let mut line = String::new();
    from.read_line(&mut line).expect("read a line");
    line.trim_end().to_string()
}

struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(addr: &str) -> Client {
        let stream = TcpStream::connect(addr).expect("connect to the service");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("set a read timeout");
        Client {
            writer: stream.try_clone().expect("clone the stream"),
            reader: BufReader::new(stream),
        }
    }

    fn send(&mut self, line: &str) {
        writeln!(self.writer, "{line}").expect("send a request");
    }

    fn reply(&mut self) -> String {
        read_line(&mut self.reader)
    }
}

#[test]
fn sigterm_stops_accepting_finishes_the_request_in_flight_and_exits_zero() {
    let mut service = Service::start(5000);
    let mut client = Client::connect(&service.addr);
    client.send("work 300");
    assert_eq!(client.reply(), "working 300", "the request is in flight");

    service.signal("TERM");
    service.wait_for("SIGTERM: shutting down");
    service.wait_for("stopped accepting; 1 request(s) in flight");
    assert!(
        TcpStream::connect(&service.addr).is_err(),
        "a new connection was accepted after SIGTERM"
    );
    assert_eq!(
        client.reply(),
        "done 300",
        "the request in flight was finished"
    );
    assert_eq!(service.exit_code(), Some(0));
    assert_eq!(
        service.wait_for("stopped:"),
        "stopped: 1 served, 0 abandoned"
    );
}

#[test]
fn sigint_is_handled_like_sigterm() {
    let mut service = Service::start(5000);
    service.signal("INT");
    service.wait_for("SIGINT: shutting down");
    assert_eq!(service.exit_code(), Some(0));
}

/// A closed terminal sends SIGHUP, which by default kills the process mid-request.
#[test]
fn sighup_is_handled_like_sigterm_and_finishes_the_request_in_flight() {
    let mut service = Service::start(5000);
    let mut client = Client::connect(&service.addr);
    client.send("work 300");
    assert_eq!(client.reply(), "working 300");
    service.signal("HUP");
    service.wait_for("SIGHUP: shutting down");
    assert_eq!(client.reply(), "done 300");
    assert_eq!(service.exit_code(), Some(0));
}

#[test]
fn a_second_signal_abandons_the_work_in_flight_and_exits_at_once() {
    let mut service = Service::start(60_000);
    let mut client = Client::connect(&service.addr);
    client.send("work 30000");
    assert_eq!(client.reply(), "working 30000");

    service.signal("TERM");
    service.wait_for("SIGTERM: shutting down");
    let second = Instant::now();
    service.signal("INT");
    assert_eq!(client.reply(), "error: abandoned at shutdown");
    assert_eq!(service.exit_code(), Some(130), "128 + SIGINT");
    assert!(
        second.elapsed() < Duration::from_secs(10),
        "the second signal should not wait for the 30 s request or the 60 s grace"
    );
}
