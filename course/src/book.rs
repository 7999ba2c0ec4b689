//! `cargo course book`: build the book and serve it on 127.0.0.1.
//!
//! mdbook does the work (`mdbook serve book -n 127.0.0.1 -p 3000`, which rebuilds on
//! every save), with the mdbook-quiz preprocessor for the chapters' quizzes, and for
//! the Chinese edition (`--lang zh-CN`) mdbook-gettext, which swaps each paragraph for
//! its translation from `book/po/zh-CN.po`. Nothing
//! is installed behind the learner's back: a missing tool gets the one line that
//! installs it, at the version CI uses.
//!
//! mdbook must never outlive us, or the next `cargo course book` finds the port taken
//! by a server nobody can see. So mdbook runs in a process group of its own, and
//! Ctrl-C, SIGTERM and SIGHUP (a closed terminal) all stop that whole group (mdbook
//! and any preprocessor it is running) before we exit; on Linux, mdbook is also set to
//! receive SIGTERM when we die without a word (`kill -9`, a crash), see
//! [`tied_to_us`]. A port already taken is said plainly, with the option that picks
//! another; `--port 0` serves on a free port the system picks, and says which.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result};

use crate::syllabus::Course;

/// A program the book needs: the crate that installs it, at the version CI builds
/// the book with (`.ci/run`), and the program that shows it is there.
#[derive(Clone, Copy)]
pub struct Tool {
    pub krate: &'static str,
    pub version: &'static str,
    pub program: &'static str,
}

pub const MDBOOK: Tool = Tool {
    krate: "mdbook",
    version: "0.5.4",
    program: "mdbook",
};
pub const MDBOOK_QUIZ: Tool = Tool {
    krate: "mdbook-quiz",
    version: "0.5.0",
    program: "mdbook-quiz",
};
/// The translated editions' gettext preprocessor, one of mdbook-i18n-helpers' programs.
pub const MDBOOK_GETTEXT: Tool = Tool {
    krate: "mdbook-i18n-helpers",
    version: "0.4.0",
    program: "mdbook-gettext",
};

pub fn command(course: &Course, port: u16, no_open: bool, lang: &str) -> Result<bool> {
    let Some(edition) = Edition::find(course, lang) else {
        return Ok(false);
    };
    let mut tools = vec![MDBOOK];
    let config = std::fs::read_to_string(course.root.join("book/book.toml")).unwrap_or_default();
    if config.contains("[preprocessor.quiz]") {
        tools.push(MDBOOK_QUIZ);
    }
    if edition.translated() {
        tools.push(MDBOOK_GETTEXT);
        if on_path("python3").is_none() {
            eprintln!(
                "error: the translated book needs python3 (book/i18n/preprocessor.py \
                 translates the quizzes); see the book's \"Before you start\"."
            );
            return Ok(false);
        }
    }
    let missing: Vec<Tool> = tools
        .into_iter()
        .filter(|tool| on_path(tool.program).is_none())
        .collect();
    if !missing.is_empty() {
        let lines: Vec<String> = missing
            .iter()
            .map(|tool| {
                format!(
                    "    cargo install {} --version {} --locked",
                    tool.krate, tool.version
                )
            })
            .collect();
        let names: Vec<&str> = missing.iter().map(|tool| tool.krate).collect();
        eprintln!(
            "error: the book needs {}, not installed yet. Install {} once (a few minutes) with\n\n{}\n\n\
             then run `cargo course book` again.",
            names.join(" and "),
            if names.len() == 1 { "it" } else { "them" },
            lines.join("\n")
        );
        return Ok(false);
    }
    // Bound and let go at once: the port is free, and with `--port 0` the system's
    // pick is the port announced and handed to mdbook (it would announce 0).
    let port = match TcpListener::bind(("127.0.0.1", port)).and_then(|l| l.local_addr()) {
        Ok(address) => address.port(),
        Err(error) => {
            eprintln!(
                "error: cannot serve the book on 127.0.0.1:{port}: {error}.\n\
                 Another program is using that port (often a `cargo course book` still running \
                 in another terminal).\nStop it, or use another port: `cargo course book --port {}` \
                 (or `--port 0` for any free one)",
                port.wrapping_add(1).max(1024)
            );
            return Ok(false);
        }
    };
    let open = !no_open && can_open_a_browser();
    let mut command = tied_to_us(MDBOOK.program);
    command.current_dir(&course.root).args([
        "serve",
        "book",
        "-n",
        "127.0.0.1",
        "-p",
        &port.to_string(),
    ]);
    if edition.translated() {
        // Its own folder: building the English book empties `book/build`.
        command
            .env("MDBOOK_BOOK__LANGUAGE", &edition.lang)
            .arg("-d")
            .arg(course.root.join(format!("book/build-{}", edition.lang)));
    }
    if open {
        command.arg("--open");
    }
    say!(
        "{}",
        t!(
            "Serving {} on http://127.0.0.1:{}/{}; it rebuilds when a page changes. Ctrl-C stops it.",
            edition.name(),
            port,
            if open {
                t!(" (opening your browser)")
            } else {
                ""
            }
        )
    );
    serve(command)
}

/// Which book to serve: the English one, or a translation with its catalogue in
/// `book/po/<lang>.po` (see CONTRIBUTING.md).
struct Edition {
    lang: String,
}

impl Edition {
    /// The edition for `--lang`, or `None` (having said why) when there is none.
    fn find(course: &Course, lang: &str) -> Option<Edition> {
        if lang == "en" {
            return Some(Edition { lang: lang.into() });
        }
        let po = course.root.join("book/po");
        let mut known: Vec<String> = std::fs::read_dir(&po)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                name.strip_suffix(".po").map(str::to_string)
            })
            .collect();
        known.sort();
        if let Some(found) = known.iter().find(|known| known.eq_ignore_ascii_case(lang)) {
            return Some(Edition {
                lang: found.clone(),
            });
        }
        known.insert(0, "en".into());
        eprintln!(
            "error: the book has no `{lang}` edition. The editions are: {}.",
            known.join(", ")
        );
        None
    }

    fn translated(&self) -> bool {
        self.lang != "en"
    }

    fn name(&self) -> String {
        match self.lang.as_str() {
            "en" => t!("the book").into(),
            "zh-CN" => t!("the book in Chinese (中文版)").into(),
            other => format!("the book in `{other}`"),
        }
    }
}

/// The command that runs `program` so that it ends when we do, however we end.
///
/// A signal we catch stops mdbook's group (see [`serve`]), but nothing catches a
/// `kill -9` or a crash: mdbook would go on serving, re-parented to PID 1. Linux can
/// send a process a signal when its parent dies (`PR_SET_PDEATHSIG`), a setting that
/// survives `exec`; setting it between `fork` and `exec` would need `unsafe`. So the
/// child is this very program, in a hidden mode ([`exec_tied_to`]) that sets it on
/// itself and then becomes `program`, keeping its process id, its group and the
/// setting. Elsewhere, or if our own path is unknown, `program` is run directly.
fn tied_to_us(program: &str) -> Command {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if let Ok(us) = std::env::current_exe() {
        let mut command = Command::new(us);
        command
            .arg(TIED_TO)
            .arg(std::process::id().to_string())
            .arg(program);
        return command;
    }
    Command::new(program)
}

/// The hidden command of [`tied_to_us`]: `course exec-tied-to <parent> <program> [args]`.
pub const TIED_TO: &str = "exec-tied-to";

/// Become `program` (by `exec`: same process), to be sent SIGTERM when `parent`, the
/// `cargo course` that started us, dies. Returns only when that cannot be done.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub fn exec_tied_to(parent: u32, program: &std::ffi::OsStr, args: &[std::ffi::OsString]) -> u8 {
    use std::os::unix::process::CommandExt;

    use rustix::process::{Pid, Signal, getppid, set_parent_process_death_signal};

    if let Err(error) = set_parent_process_death_signal(Some(Signal::TERM)) {
        eprintln!(
            "error: cannot tie {} to `cargo course`: {error}",
            program.to_string_lossy()
        );
        return 1;
    }
    // Our parent may have died before the line above took effect: then we already
    // belong to another, and nobody is left to serve the book for.
    if u32::try_from(Pid::as_raw(getppid())).ok() != Some(parent) {
        return 1;
    }
    let error = Command::new(program).args(args).exec();
    eprintln!("error: cannot start {}: {error}", program.to_string_lossy());
    1
}

/// Runs mdbook until it stops or we are told to stop (then it is stopped first).
#[cfg(unix)]
fn serve(mut command: Command) -> Result<bool> {
    use std::os::unix::process::CommandExt;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    // Listen before mdbook starts, so no signal can come between the two.
    let mut signals =
        Signals::new([SIGINT, SIGTERM, SIGHUP]).context("cannot listen for Ctrl-C and SIGTERM")?;
    // Its own group: a Ctrl-C reaches us alone, and we stop mdbook and its children.
    command.process_group(0);
    let mut mdbook = command.spawn().context("cannot start mdbook")?;
    let group = rustix::process::Pid::from_child(&mdbook);
    let stopped = Arc::new(AtomicBool::new(false));
    let handle = signals.handle();
    let watcher = {
        let stopped = Arc::clone(&stopped);
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                stopped.store(true, Ordering::SeqCst);
                // Gone already is fine: then there is nothing left to stop.
                let _ = rustix::process::kill_process_group(group, rustix::process::Signal::TERM);
            }
        })
    };
    let status = mdbook.wait().context("mdbook did not finish")?;
    handle.close();
    let _ = watcher.join();
    if stopped.load(Ordering::SeqCst) {
        say!("{}", t!("Stopped the book's server."));
        return Ok(true);
    }
    Ok(status.success())
}

/// Elsewhere Ctrl-C reaches every program of the console, mdbook included.
#[cfg(not(unix))]
fn serve(mut command: Command) -> Result<bool> {
    let status = command.status().context("cannot start mdbook")?;
    Ok(status.success())
}

/// The first `name` (or `name.exe`) file in a folder of `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|folder| {
        [name.to_string(), format!("{name}.exe")]
            .iter()
            .map(|file| folder.join(file))
            .find(|candidate| candidate.is_file())
    })
}

/// On Linux and the BSDs a browser needs a display; a server or a container has none,
/// and `--open` there only prints an error. macOS and Windows always have one.
fn can_open_a_browser() -> bool {
    if cfg!(any(target_os = "macos", windows)) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()))
}
