//! Shortcuts: a library call where the exercise asks for the mechanism itself.
//!
//! An exercise that says "write it by hand" lists the calls that would skip its
//! lesson in a `clippy.toml` beside its `Cargo.toml`, each with the reason a learner
//! reads when they reach for it:
//!
//! ```toml
//! # A crate's clippy.toml replaces the workspace's: its settings are repeated here.
//! allow-unwrap-in-tests = true
//! disallowed-methods = [
//!     { path = "tokio::time::timeout", reason = "write the timeout yourself: ..." },
//! ]
//! ```
//!
//! Clippy resolves each path as the compiler does, so neither a `use ... as` nor a
//! re-export hides the call. `cargo course check` runs it, with only the two
//! `disallowed_*` lints, once the tests pass: a pass that takes a shortcut is no
//! pass. `cargo course verify` proves that each of a solution's known shortcuts (a
//! patch marked `SHORTCUT:`) is refused.
//!
//! Clippy is a second build of the crate (a check build, without code generation;
//! the first one also checks its dependencies), so `check` runs it only when the
//! learner's code names one of the listed items.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result};

use crate::compile;
use crate::paint;
use crate::syllabus::{Course, Exercise};

/// The arguments that keep clippy to the exercise's lists: everything else is off.
const ONLY_DISALLOWED: [&str; 6] = [
    "-A",
    "clippy::all",
    "-D",
    "clippy::disallowed_methods",
    "-D",
    "clippy::disallowed_types",
];

/// The exercise's list, read from its `clippy.toml`.
#[derive(Clone)]
pub struct Rules {
    /// The folder that holds `clippy.toml`: clippy's `CLIPPY_CONF_DIR`.
    pub dir: PathBuf,
    /// Each disallowed path and its reason.
    pub entries: Vec<(String, Option<String>)>,
}

/// One shortcut clippy found.
#[derive(Debug)]
pub struct Refusal {
    /// `tokio::time::timeout`.
    pub path: String,
    /// Why the exercise refuses it, from its `clippy.toml`.
    pub reason: Option<String>,
    /// Where: ` --> src/select_timeout.rs:28:5` and the line itself, as clippy shows it.
    pub place: String,
}

/// What clippy said about a crate.
pub enum Verdict {
    /// No listed item is used.
    Allowed,
    Refused(Vec<Refusal>),
    /// Clippy could not check it (it does not compile): its last words.
    Broken(String),
}

impl Rules {
    /// The rules of the exercise crate in `dir`, if it has any.
    pub fn of(dir: &Path) -> Result<Option<Rules>> {
        let file = dir.join("clippy.toml");
        let Ok(text) = std::fs::read_to_string(&file) else {
            return Ok(None);
        };
        let table: toml::Table = toml::from_str(&text)
            .with_context(|| format!("{} is not valid TOML", file.display()))?;
        let mut entries = Vec::new();
        for key in ["disallowed-methods", "disallowed-types"] {
            for entry in table
                .get(key)
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
            {
                match entry {
                    toml::Value::String(path) => entries.push((path.clone(), None)),
                    toml::Value::Table(fields) => {
                        let text = |name| fields.get(name).and_then(toml::Value::as_str);
                        if let Some(path) = text("path") {
                            entries.push((path.to_string(), text("reason").map(str::to_string)));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok((!entries.is_empty()).then(|| Rules {
            dir: dir.to_path_buf(),
            entries,
        }))
    }

    /// Whether `code` names the last segment of a listed path (`timeout` for
    /// `tokio::time::timeout`), comments left out: a call must name what it calls,
    /// whatever it was imported as. When none is named, clippy cannot find one.
    pub fn may_be_used_in(&self, code: &str) -> bool {
        let words: Vec<&str> = code
            .lines()
            .map(|line| line.split("//").next().unwrap_or(""))
            .flat_map(|line| line.split(|c: char| !(c.is_alphanumeric() || c == '_')))
            .collect();
        self.entries.iter().any(|(path, _)| {
            let last = path.rsplit("::").next().unwrap_or(path);
            words.contains(&last)
        })
    }

    fn reason(&self, path: &str) -> Option<String> {
        self.entries
            .iter()
            .find(|(listed, _)| listed == path)
            .and_then(|(_, reason)| reason.clone())
    }
}

/// Runs clippy on `package`'s library (with `features`), with `rules`' list and only
/// the `disallowed_*` lints.
pub fn clippy(root: &Path, package: &str, features: &[String], rules: &Rules) -> Result<Verdict> {
    let mut command = compile::cargo();
    command
        .current_dir(root)
        .env("CLIPPY_CONF_DIR", &rules.dir)
        .args([
            "clippy",
            "--lib",
            "--message-format=json",
            "--color=never",
            "-p",
            package,
        ]);
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    command
        .arg("--")
        .args(ONLY_DISALLOWED)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let output = spawn(command)?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let refusals: Vec<Refusal> = stdout
        .lines()
        .filter(|line| line.contains("\"reason\":\"compiler-message\""))
        .filter(|line| line.contains("\"code\":\"clippy::disallowed_"))
        .filter_map(|line| compile::string_field(line, "rendered"))
        .map(|rendered| refusal(&rendered, rules))
        .collect();
    if !refusals.is_empty() {
        return Ok(Verdict::Refused(refusals));
    }
    if output.status.success() {
        return Ok(Verdict::Allowed);
    }
    // The compiler's errors if there are any, else cargo's last words ("no such
    // command: `clippy`").
    let errors: Vec<String> = stdout
        .lines()
        .filter(|line| line.contains("\"level\":\"error\""))
        .filter_map(|line| compile::string_field(line, "rendered"))
        .collect();
    let said = String::from_utf8_lossy(&output.stderr);
    let last: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
    Ok(Verdict::Broken(if errors.is_empty() {
        last[last.len().saturating_sub(10)..].join("\n")
    } else {
        errors.join("\n")
    }))
}

fn spawn(mut command: Command) -> Result<std::process::Output> {
    command.output().context("cannot run `cargo clippy`")
}

/// clippy's `error: use of a disallowed method `x``, with its place, read back.
fn refusal(rendered: &str, rules: &Rules) -> Refusal {
    let first = rendered.lines().next().unwrap_or("");
    let path = first.split('`').nth(1).unwrap_or(first).to_string();
    // The place: clippy's ` --> file:line:col` and the source lines under it, up to
    // its notes (which repeat the reason and add a link to clippy's docs).
    let place = rendered
        .lines()
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with("= "))
        .filter(|line| !line.trim().trim_matches('|').is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Refusal {
        reason: rules.reason(&path),
        path,
        place,
    }
}

/// The shortcuts the learner's code takes, if the exercise lists any and the code
/// names one of them.
fn taken(course: &Course, exercise: &Exercise) -> Result<Vec<Refusal>> {
    let Some(rules) = Rules::of(&exercise.dir)? else {
        return Ok(Vec::new());
    };
    let tests = exercise.tests();
    let code: String = exercise
        .files()
        .iter()
        .filter(|file| **file != tests && file.extension().is_some_and(|e| e == "rs"))
        .filter_map(|file| std::fs::read_to_string(file).ok())
        .collect();
    if !rules.may_be_used_in(&code) {
        return Ok(Vec::new());
    }
    match clippy(&course.root, &exercise.package, &[], &rules) {
        Ok(Verdict::Refused(refusals)) => Ok(refusals),
        Ok(Verdict::Allowed) => Ok(Vec::new()),
        // The tests compiled and passed, so clippy can only fail here for its own
        // reasons (not installed, say): that is no reason to refuse the learner's pass.
        Ok(Verdict::Broken(_)) | Err(_) => {
            say!(
                "{}",
                paint::dim(t!(
                    "(clippy did not run, so shortcuts were not looked for: `rustup component add clippy` installs it)"
                ))
            );
            Ok(Vec::new())
        }
    }
}

/// For `cargo course check <exercise>`, once the tests pass: whether the code takes
/// no shortcut; if it takes one, says which and why the exercise refuses it.
pub fn none_taken(course: &Course, exercise: &Exercise) -> Result<bool> {
    let refusals = taken(course, exercise)?;
    show(exercise, &refusals);
    Ok(refusals.is_empty())
}

/// For a row of `cargo course check <chapter>`, once the tests pass: the shortcuts
/// taken, in a few words, if any.
pub fn summary(course: &Course, exercise: &Exercise) -> Result<Option<String>> {
    let refusals = taken(course, exercise)?;
    if refusals.is_empty() {
        return Ok(None);
    }
    let paths: Vec<String> = refusals.iter().map(|r| format!("`{}`", r.path)).collect();
    Ok(Some(t!(
        "but uses {}: `cargo course check {}` says why not",
        paths.join(", "),
        exercise.name
    )))
}

/// Says which shortcuts were taken and why the exercise refuses them.
fn show(exercise: &Exercise, refusals: &[Refusal]) {
    if refusals.is_empty() {
        return;
    }
    say!();
    say!(
        "{}",
        paint::red(&t!(
            "The tests pass, but `{}` is meant to be written by hand:",
            exercise.name
        ))
    );
    for refusal in refusals {
        say!();
        say!("{}", paint::bold(&format!("`{}`", refusal.path)));
        if let Some(reason) = &refusal.reason {
            say!("  {reason}");
        }
        for line in refusal.place.lines() {
            say!("  {}", paint::dim(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules {
            dir: PathBuf::from("exercises/03-futures/select_timeout"),
            entries: vec![
                (
                    "tokio::time::timeout".to_string(),
                    Some("write it yourself".to_string()),
                ),
                ("futures::future::select_ok".to_string(), None),
            ],
        }
    }

    #[test]
    fn clippy_runs_only_when_the_code_names_a_listed_item() {
        let rules = rules();
        assert!(rules.may_be_used_in("use tokio::time::timeout as t;\n"));
        assert!(rules.may_be_used_in("let x = select_ok(futures).await;"));
        assert!(!rules.may_be_used_in("// tokio::time::timeout would do it\nfn limit() {}\n"));
        assert!(!rules.may_be_used_in("let timeouts = 3; select_okay();"));
    }

    #[test]
    fn a_refusal_names_the_path_its_reason_and_its_place() {
        let rendered = "error: use of a disallowed method `tokio::time::timeout`\n  \
                        --> src/select_timeout.rs:28:5\n   |\n28 |     \
                        tokio::time::timeout(limit, future)\n   |     ^^^^^^^^^^^^^^^^^^^^\n   |\n   \
                        = note: write it yourself\n   = help: for further information visit x\n";
        let refusal = refusal(rendered, &rules());
        assert_eq!(refusal.path, "tokio::time::timeout");
        assert_eq!(refusal.reason.as_deref(), Some("write it yourself"));
        assert!(
            refusal.place.contains("--> src/select_timeout.rs:28:5"),
            "{}",
            refusal.place
        );
        assert!(
            refusal
                .place
                .contains("tokio::time::timeout(limit, future)")
        );
        assert!(!refusal.place.contains("help"), "{}", refusal.place);
    }

    #[test]
    fn the_rules_are_read_from_clippy_toml() {
        let dir = std::env::temp_dir().join(format!("course-shortcuts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("clippy.toml"),
            "allow-unwrap-in-tests = true\n\
             disallowed-methods = [\n  { path = \"a::b\", reason = \"because\" },\n  \"c::d\",\n]\n\
             disallowed-types = [{ path = \"e::F\", reason = \"no\" }]\n",
        )
        .unwrap();
        let rules = Rules::of(&dir).unwrap().unwrap();
        assert_eq!(
            rules.entries,
            [
                ("a::b".to_string(), Some("because".to_string())),
                ("c::d".to_string(), None),
                ("e::F".to_string(), Some("no".to_string())),
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(Rules::of(&dir).unwrap().is_none());
    }
}
