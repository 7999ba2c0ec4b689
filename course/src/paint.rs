//! Colour for the terminal, and none anywhere else; and printing that survives a
//! closed pipe.
//!
//! Green for a pass, red for a failure, yellow for "look at this", dim for what is
//! not started. Only when standard output is a terminal and `NO_COLOR` is unset, so
//! a pipe, a log file or a test reading the output gets plain text.

use std::io::IsTerminal;
use std::sync::OnceLock;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| {
        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    })
}

fn paint(code: &str, text: &str) -> String {
    if enabled() {
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

/// `println!` that treats a closed standard output (`cargo course | head`) as the
/// reader saying "enough": quietly stop, as a C tool does on SIGPIPE, instead of the
/// panic `println!` turns a failed write into.
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
        std::process::exit(1);
    }
}
