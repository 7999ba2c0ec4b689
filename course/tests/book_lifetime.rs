//! `cargo course book` with a fake mdbook: `--port 0` announces the port really
//! served, and mdbook never outlives a `cargo course` killed without a word.

#![cfg(unix)]

mod sandbox;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sandbox::{Sandbox, text};

/// Whether the process is gone (or a zombie waiting to be reaped, which serves nothing).
fn gone(pid: &str) -> bool {
    std::fs::read_to_string(Path::new("/proc").join(pid).join("stat")).map_or(true, |stat| {
        stat.rsplit(") ").next().is_some_and(|s| s.starts_with('Z'))
    })
}

#[test]
fn port_0_serves_on_a_free_port_and_announces_that_one() {
    let sandbox = Sandbox::new("book-port-0");
    let log = sandbox.root.join("mdbook-args");
    let bin = sandbox.fake_tool("mdbook", &format!("echo \"$*\" > '{}'\n", log.display()));
    let output = sandbox
        .command(&["book", "--no-open", "--port", "0"])
        .env("PATH", &bin)
        .output()
        .expect("run");
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    let args = std::fs::read_to_string(&log).expect("the fake mdbook ran");
    let port: u16 = args
        .trim()
        .rsplit_once("-p ")
        .and_then(|(_, port)| port.parse().ok())
        .unwrap_or_else(|| panic!("mdbook is given a port: {args}"));
    assert_ne!(port, 0, "mdbook is given the port the system picked");
    assert!(
        stdout.contains(&format!("on http://127.0.0.1:{port}/")),
        "the port announced is the one served:\n{stdout}"
    );
    let help = text(&sandbox.course(&["book", "--help"]).stdout);
    assert!(help.contains("0 for any free one"), "{help}");
    let help = text(&sandbox.course(&["--help"]).stdout);
    assert!(
        !help.contains("exec-tied-to"),
        "the hidden helper is not offered:\n{help}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn mdbook_stops_when_cargo_course_is_killed_without_a_word() {
    let sandbox = Sandbox::new("book-kill-9");
    let pid_file = sandbox.root.join("pid");
    // mdbook's process becomes a long sleep (same process id), as a server would wait.
    let bin = sandbox.fake_tool(
        "mdbook",
        &format!(
            "echo $$ > '{0}.tmp'\nmv '{0}.tmp' '{0}'\nexec sleep 600\n",
            pid_file.display()
        ),
    );
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").expect("PATH is set"),
    )))
    .expect("a PATH");
    let mut course = sandbox
        .command(&["book", "--no-open", "--port", "0"])
        .env("PATH", path)
        .stdout(Stdio::null())
        .spawn()
        .expect("run");
    let started = Instant::now();
    while !pid_file.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "mdbook never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mdbook = std::fs::read_to_string(&pid_file).expect("read the pid");
    let mdbook = mdbook.trim();
    course.kill().expect("SIGKILL, which cannot be caught");
    course.wait().expect("cargo course book is gone");
    let started = Instant::now();
    while !gone(mdbook) {
        if started.elapsed() > Duration::from_secs(10) {
            // Leave nothing behind, then fail.
            let _ = Command::new("kill").args(["-9", mdbook]).status();
            panic!("mdbook (process {mdbook}) outlived a `cargo course book` killed with SIGKILL");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
