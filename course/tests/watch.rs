//! `cargo course watch` on a sandbox course: one check per save, whatever wakes the
//! watcher (file events, or polling), and the single keys.
//!
//! The watcher's input is a pipe here, so each character written is a key.

mod sandbox;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use sandbox::Sandbox;

/// A running `cargo course watch` and the lines it has printed.
struct Watching {
    child: Child,
    keys: ChildStdin,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(sandbox: &Sandbox, args: &[&str]) -> Watching {
        let mut child = sandbox
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the course binary was built for this test");
        let keys = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            keys,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line containing `wanted`. A guard, not a timing claim: a build on
    /// a busy machine may take a while.
    fn wait_for(&mut self, wanted: &str) {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(120)) {
                Ok(line) => {
                    let found = line.contains(wanted);
                    self.seen.push(line);
                    if found {
                        return;
                    }
                }
                Err(_) => panic!(
                    "`cargo course watch` never printed `{wanted}`; it printed:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }

    /// Everything printed during `quiet`: it must hold no new check.
    fn stays_quiet_for(&mut self, quiet: Duration) {
        let until = Instant::now() + quiet;
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            if let Ok(line) = self.lines.recv_timeout(left) {
                assert!(
                    !line.starts_with("Checking"),
                    "checked again with no save (its own reads must not count): {line}\n{}",
                    self.seen.join("\n")
                );
                self.seen.push(line);
            }
        }
    }

    fn press(&mut self, key: &str) {
        self.keys
            .write_all(key.as_bytes())
            .expect("the watcher reads its keys");
        self.keys.flush().expect("the watcher reads its keys");
    }

    fn checks(&self) -> usize {
        self.seen
            .iter()
            .filter(|l| l.starts_with("Checking"))
            .count()
    }

    fn quit(mut self) {
        self.press("q");
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for the watcher") {
                assert!(status.success(), "`q` quits cleanly: {status:?}");
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "`q` did not stop the watcher"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Starts watching, saves the exercise once, and counts the checks: the first one,
/// and exactly one for the save, however the file system reported it.
fn one_check_per_save(name: &str, args: &[&str], how: &str) {
    let sandbox = Sandbox::new(name);
    let mut watch = Watching::start(&sandbox, args);
    watch.wait_for("0/2 tests pass");
    watch.wait_for(&format!("Watching exercises/ ({how})"));
    // A save as an editor that writes a new file and renames it over the old one.
    let source = sandbox.root.join(Sandbox::source("double"));
    let solved = sandbox.read("solutions/01-basics/double/src/double.rs");
    let temporary = source.with_extension("rs.tmp");
    std::fs::write(&temporary, solved).expect("write the new version");
    std::fs::rename(&temporary, &source).expect("replace the file");
    watch.wait_for("2/2 tests pass");
    watch.wait_for("`double` is solved.");
    watch.wait_for("Watching exercises/");
    // The old watcher checked again about once a second, woken by its own reads.
    watch.stays_quiet_for(Duration::from_secs(3));
    assert_eq!(
        watch.checks(),
        2,
        "one check at the start, one for the save:\n{}",
        watch.seen.join("\n")
    );
    watch.quit();
}

#[test]
fn watch_checks_once_per_save_from_file_events() {
    one_check_per_save("watch-events", &["watch"], "file events");
}

#[test]
fn watch_poll_checks_once_per_save_too() {
    one_check_per_save("watch-poll", &["watch", "--poll"], "looking every second");
}

#[test]
fn watch_keys_show_hints_the_list_and_the_next_exercise() {
    let sandbox = Sandbox::new("watch-keys");
    let mut watch = Watching::start(&sandbox, &["watch", "--poll"]);
    watch.wait_for("0/2 tests pass");
    watch.press("h");
    watch.wait_for("`double`, hint 1 of 2: multiplication");
    watch.press("h");
    watch.wait_for("`double`, hint 2 of 2: the operator");
    watch.press("l");
    watch.wait_for("0/2 exercises solved");
    watch.press("n");
    watch.wait_for("Checking 01-basics/greet");
    watch.wait_for("0/1 tests pass");
    watch.press("r");
    watch.wait_for("Checking 01-basics/greet");
    watch.quit();
}
