//! A progress bar for long runs, drawn on stderr only when stderr is a terminal.
//!
//! Downloading 80 sites one by one takes seconds; a bar that fills shows the waiting
//! is progress, not a hang. It is drawn on stderr, and only for a person watching:
//! when the output goes to a file or a pipe (the book's recorded output, a test)
//! there is no bar, so the recorded text is the same whatever the speed.
//!
//! Every client calls [`Progress::done`] once per URL, from whichever thread or task
//! finished it, so the count is an atomic.

use std::io::{IsTerminal as _, Write as _};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs shorter than this are over before a bar would help.
const WORTH_A_BAR: usize = 20;

#[derive(Debug)]
pub struct Progress {
    label: String,
    total: usize,
    finished: AtomicUsize,
    visible: bool,
}

impl Progress {
    /// A bar for `total` steps, shown if stderr is a terminal and the run is long.
    pub fn new(label: &str, total: usize) -> Self {
        Progress {
            label: label.to_string(),
            total,
            finished: AtomicUsize::new(0),
            visible: total >= WORTH_A_BAR && std::io::stderr().is_terminal(),
        }
    }

    /// A bar that is never drawn (for tests and the exercises).
    pub fn hidden() -> Self {
        Progress {
            label: String::new(),
            total: 0,
            finished: AtomicUsize::new(0),
            visible: false,
        }
    }

    /// One more step finished.
    pub fn done(&self) {
        let finished = self.finished.fetch_add(1, Ordering::SeqCst) + 1;
        if self.visible {
            let width = 30;
            let filled = finished * width / self.total.max(1);
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r{} [{}{}] {finished}/{}",
                self.label,
                "#".repeat(filled),
                " ".repeat(width - filled.min(width)),
                self.total
            );
            let _ = err.flush();
        }
    }

    /// How many steps have finished.
    pub fn finished(&self) -> usize {
        self.finished.load(Ordering::SeqCst)
    }
}

impl Drop for Progress {
    /// Erase the bar so that the next line prints on a clean line.
    fn drop(&mut self) {
        if self.visible {
            let _ = write!(
                std::io::stderr(),
                "\r{}\r",
                " ".repeat(self.label.len() + 50)
            );
        }
    }
}
