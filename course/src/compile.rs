//! Compiling with cargo, visibly, and finding what it built.
//!
//! Every check compiles first and runs after, in two steps rather than one
//! `cargo test`: the build can then cover many crates in one cargo run (each crate
//! still fails or succeeds alone, so one exercise that does not compile never stops
//! another), and cargo's own messages reach the learner as they come ("Compiling
//! ex01-fibonacci ..."), so a first build on a fresh clone is never silent. Cargo
//! tells us where it put each test binary (`--message-format=json`); running those
//! binaries is [`crate::test_run`]'s part.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};

/// How much of cargo's own output the user sees while it builds.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Echo {
    /// Everything but cargo's "Finished" and "Executable" lines: progress, warnings
    /// and errors, as a learner running cargo would see them.
    All,
    /// Only the progress lines ("Compiling x"), not the diagnostics: for many crates
    /// at once, whose errors are shown crate by crate afterwards.
    Progress,
    /// Nothing: the caller reports.
    Silent,
}

/// What one cargo run built.
pub struct Built {
    /// Whether cargo reported success (every crate compiled).
    pub ok: bool,
    /// The test binaries: which crate (its `Cargo.toml`) and where the binary is.
    pub executables: Vec<(PathBuf, PathBuf)>,
    /// What cargo said on standard error: its diagnostics, with the errors.
    pub said: String,
}

impl Built {
    /// The test binary of the crate in `dir`, if it compiled.
    pub fn binary_of(&self, dir: &Path) -> Option<&Path> {
        let manifest = dir.join("Cargo.toml");
        let same = |path: &Path| {
            path == manifest || path.canonicalize().ok() == manifest.canonicalize().ok()
        };
        self.executables
            .iter()
            .find(|(crate_manifest, _)| same(crate_manifest))
            .map(|(_, binary)| binary.as_path())
    }
}

/// `cargo` as the one running us (`cargo course` sets `CARGO`), else from `PATH`.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// `cargo test --no-run --lib -p <each package> [--features <each>]`: the library test
/// binaries of the packages (of the whole workspace when `packages` is empty), each
/// crate compiled or failed on its own (`--no-fail-fast` makes cargo go on after one
/// crate fails).
pub fn tests(root: &Path, packages: &[&str], features: &[String], echo: Echo) -> Result<Built> {
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["test", "--no-run", "--lib", "--no-fail-fast"]);
    if packages.is_empty() {
        command.arg("--workspace");
    }
    for package in packages {
        command.args(["-p", package]);
    }
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    run(command, echo)
}

/// `cargo build -p <package> --bins`, for `cargo course run`: the binaries it built.
pub fn binaries(root: &Path, package: &str, release: bool) -> Result<Built> {
    let mut command = cargo();
    command
        .current_dir(root)
        .args(["build", "--bins", "-p", package]);
    if release {
        command.arg("--release");
    }
    run(command, Echo::All)
}

fn run(mut command: Command, echo: Echo) -> Result<Built> {
    let colour = echo != Echo::Silent && std::io::stderr().is_terminal();
    command
        // Artifacts as JSON on stdout; diagnostics rendered for people on stderr.
        .arg("--message-format=json-render-diagnostics")
        .arg(if colour {
            "--color=always"
        } else {
            "--color=never"
        })
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .context("cannot run cargo: is Rust installed (https://rustup.rs)?")?;
    let mut stdout = child.stdout.take().context("cargo's stdout is piped")?;
    let stderr = child.stderr.take().context("cargo's stderr is piped")?;
    // Read stdout on its own thread: cargo blocks if either pipe fills up.
    let artifacts = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let mut said = String::new();
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        let plain = strip_ansi(&line);
        let shown = match echo {
            Echo::All => !is_noise(&plain),
            Echo::Progress => is_progress(&plain),
            Echo::Silent => false,
        };
        if shown {
            // A closed stderr is no reason to stop building.
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        }
        said.push_str(&plain);
        said.push('\n');
    }
    let status = child.wait().context("cargo did not finish")?;
    let artifacts = artifacts.join().unwrap_or_default();
    Ok(Built {
        ok: status.success(),
        executables: executables(&artifacts),
        said,
    })
}

/// Cargo's status lines are a right-aligned verb: "   Compiling foo v0.1.0 (...)".
fn is_progress(line: &str) -> bool {
    let verb = line.trim_start().split(' ').next().unwrap_or("");
    line.starts_with("  ")
        && [
            "Compiling",
            "Checking",
            "Downloading",
            "Downloaded",
            "Updating",
            "Locking",
            "Blocking",
            "Building",
        ]
        .contains(&verb)
}

/// The lines a learner does not need: where the binary went, and that it finished.
fn is_noise(line: &str) -> bool {
    let verb = line.trim_start().split(' ').next().unwrap_or("");
    line.starts_with("  ") && ["Finished", "Executable", "Running"].contains(&verb)
}

fn strip_ansi(line: &str) -> String {
    let mut plain = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // ESC [ ... final letter
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// The `(manifest_path, executable)` of each `compiler-artifact` message that has an
/// executable. Cargo writes one compact JSON object a line; the two fields are plain
/// strings, so a small reader is enough.
fn executables(json_lines: &str) -> Vec<(PathBuf, PathBuf)> {
    json_lines
        .lines()
        .filter(|line| line.contains("\"reason\":\"compiler-artifact\""))
        .filter_map(|line| {
            let manifest = string_field(line, "manifest_path")?;
            let executable = string_field(line, "executable")?;
            Some((PathBuf::from(manifest), PathBuf::from(executable)))
        })
        .collect()
}

/// The value of `"key":"..."` in a line of JSON, unescaped; `None` for `null`.
pub fn string_field(json: &str, key: &str) -> Option<String> {
    let start = json.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let mut value = String::new();
    let mut chars = json[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => match chars.next()? {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                'u' => {
                    let code: String = chars.by_ref().take(4).collect();
                    value.push(char::from_u32(u32::from_str_radix(&code, 16).ok()?)?);
                }
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_binaries_are_read_from_cargos_artifact_messages() {
        let json = concat!(
            r#"{"reason":"compiler-artifact","package_id":"x","manifest_path":"/c/ex/Cargo.toml","#,
            r#""target":{"name":"ex"},"executable":"/t/debug/deps/ex-12ab","fresh":false}"#,
            "\n",
            r#"{"reason":"compiler-artifact","manifest_path":"C:\\c\\dep\\Cargo.toml","executable":null}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#,
        );
        assert_eq!(
            executables(json),
            [(
                PathBuf::from("/c/ex/Cargo.toml"),
                PathBuf::from("/t/debug/deps/ex-12ab")
            )]
        );
        assert_eq!(
            string_field(r#"{"p":"C:\\a\"b"}"#, "p").as_deref(),
            Some("C:\\a\"b")
        );
    }

    #[test]
    fn only_cargos_bookkeeping_lines_are_hidden() {
        assert!(is_noise(
            "    Finished `test` profile [unoptimized + debuginfo] target(s) in 0.1s"
        ));
        assert!(is_noise(
            "  Executable unittests src/lib.rs (target/debug/deps/ex-1)"
        ));
        assert!(!is_noise("error[E0308]: mismatched types"));
        assert!(is_progress("   Compiling ex01-fibonacci v0.1.0 (/c)"));
        assert!(!is_progress("warning: unused variable: `x`"));
        assert_eq!(
            strip_ansi("\x1b[1m\x1b[92m    Finished\x1b[0m x"),
            "    Finished x"
        );
    }
}
