//! Colour for the terminal and none anywhere else; and printing that survives a
//! closed pipe.
//!
//! Green for a pass, red for a failure, yellow for "look at this", dim for what is
//! not started. Only when standard output is a terminal that understands colour: a
//! pipe, a log file, a test reading the output, `NO_COLOR=1` (<https://no-color.org>)
//! and `TERM=dumb` (Emacs' shell, some CI consoles) all get plain text.
//!
//! A closed standard output (`cargo course list | head -3`) is the reader saying
//! "enough". Rust ignores SIGPIPE, so the write fails with an error, and `println!`
//! would turn that error into a panic with a backtrace. `say!` stops quietly instead,
//! with the status a shell reports for a program ended by SIGPIPE (141); and
//! [`quiet_on_closed_pipe`] does the same for anything else that prints
//! (`eprintln!` to a closed standard error).

use std::ffi::OsStr;
use std::io::IsTerminal;
use std::sync::OnceLock;

/// The status of a program ended by a closed pipe: 128 + SIGPIPE (13).
pub const CLOSED_PIPE: i32 = 141;

/// Whether this terminal should get colours and screen clearing.
pub fn terminal() -> bool {
    static TERMINAL: OnceLock<bool> = OnceLock::new();
    *TERMINAL.get_or_init(|| {
        wants_colour(
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("TERM").as_deref(),
        )
    })
}

/// A terminal, no `NO_COLOR` (any value but empty counts), and a `TERM` that is not
/// `dumb`.
fn wants_colour(terminal: bool, no_color: Option<&OsStr>, term: Option<&OsStr>) -> bool {
    terminal && no_color.is_none_or(OsStr::is_empty) && term.is_none_or(|term| term != "dumb")
}

fn paint(code: &str, text: &str) -> String {
    if terminal() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub fn green(text: &str) -> String {
    paint("32", text)
}

pub fn red(text: &str) -> String {
    paint("31", text)
}

pub fn yellow(text: &str) -> String {
    paint("33", text)
}

pub fn dim(text: &str) -> String {
    paint("2", text)
}

pub fn bold(text: &str) -> String {
    paint("1", text)
}

/// Clears the screen and puts the cursor at the top, on a terminal only: in a log
/// or a pipe every check stays readable one after the other.
pub fn clear_screen() {
    use std::io::Write;
    if terminal() {
        // Erase the screen and its scrollback (so scrolling up shows no stale check),
        // then put the cursor home.
        let mut out = std::io::stdout().lock();
        if out
            .write_all(b"\x1b[2J\x1b[3J\x1b[H")
            .and_then(|()| out.flush())
            .is_err()
        {
            std::process::exit(CLOSED_PIPE);
        }
    }
}

/// `println!` that ends the program quietly when standard output is closed.
macro_rules! say {
    () => {
        $crate::paint::line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::paint::line(format_args!($($arg)*))
    };
}

pub fn line(text: std::fmt::Arguments) {
    use std::io::Write;
    if writeln!(std::io::stdout().lock(), "{text}").is_err() {
        std::process::exit(CLOSED_PIPE);
    }
}

/// Makes the panic that `print!`/`eprint!` raise on a closed pipe end the program
/// quietly with status 141; any other panic is reported as usual.
///
/// (`course_kit::demo` does the same for the chapter binaries; `cargo course` keeps
/// its own few lines so that its first build, on a fresh clone, needs nothing of
/// the kit's.)
pub fn quiet_on_closed_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to std") {
            std::process::exit(CLOSED_PIPE);
        }
        report(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color_or_term_dumb() {
        let some = |s: &'static str| Some(OsStr::new(s));
        assert!(wants_colour(true, None, some("xterm-256color")));
        assert!(
            wants_colour(true, some(""), None),
            "an empty NO_COLOR is unset"
        );
        assert!(
            !wants_colour(false, None, some("xterm")),
            "a pipe gets plain text"
        );
        assert!(!wants_colour(true, some("1"), some("xterm")));
        assert!(!wants_colour(true, None, some("dumb")));
    }
}
