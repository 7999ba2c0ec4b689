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
//! and any preprocessor it is running) before we exit. A port already taken is said
//! plainly, with the option that picks another.

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
    if let Err(error) = TcpListener::bind(("127.0.0.1", port)) {
        eprintln!(
            "error: cannot serve the book on 127.0.0.1:{port}: {error}.\n\
             Another program is using that port (often a `cargo course book` still running \
             in another terminal).\nStop it, or use another port: `cargo course book --port {}`",
            port.wrapping_add(1).max(1024)
        );
        return Ok(false);
    }
    let open = !no_open && can_open_a_browser();
    let mut command = Command::new(MDBOOK.program);
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
        "Serving {} on http://127.0.0.1:{port}/{}; it rebuilds when a page changes. Ctrl-C stops it.",
        edition.name(),
        if open { " (opening your browser)" } else { "" }
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
            "en" => "the book".into(),
            "zh-CN" => "the book in Chinese (中文版)".into(),
            other => format!("the book in `{other}`"),
        }
    }
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
        say!("Stopped the book's server.");
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
