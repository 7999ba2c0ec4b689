//! `cargo course book`: build the book and serve it on 127.0.0.1.
//!
//! mdbook does the work (`mdbook serve book -n 127.0.0.1`, which rebuilds on every
//! save). Nothing is installed behind the learner's back: if mdbook is not on `PATH`,
//! the command prints the one line that installs it and stops.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result};

use crate::syllabus::Course;

/// The version CI builds the book with (`.ci/run`).
pub const INSTALL: &str = "cargo install mdbook --version 0.5.4 --locked";

pub fn command(course: &Course, port: u16, no_open: bool) -> Result<bool> {
    let Some(mdbook) = on_path("mdbook") else {
        eprintln!(
            "error: the book is built by mdbook, which is not installed. Install it once \
             (it takes about two minutes) with\n\n    {INSTALL}\n\nthen run `cargo course book` again."
        );
        return Ok(false);
    };
    let open = !no_open && can_open_a_browser();
    let mut command = Command::new(mdbook);
    command.current_dir(&course.root).args([
        "serve",
        "book",
        "-n",
        "127.0.0.1",
        "-p",
        &port.to_string(),
    ]);
    if open {
        command.arg("--open");
    }
    say!(
        "Serving the book on http://127.0.0.1:{port}/{}; it rebuilds when a page changes. Ctrl-C stops it.",
        if open { " (opening your browser)" } else { "" }
    );
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
