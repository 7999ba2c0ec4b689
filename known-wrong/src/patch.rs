//! Unified diffs (`diff -u`, `git diff`): read one, and apply it to a file's text.
//!
//! A known-wrong version is kept as the lines it changes in the solution, so that a
//! change to the solution is made once and a reader sees exactly the mistake:
//!
//! ```text
//! WRONG: `a + b` as in Python, where integers never overflow; a u64 does, at F(94).
//!
//! --- a/src/fibonacci.rs
//! +++ b/src/fibonacci.rs
//! @@ -22,4 +22,3 @@ impl Iterator for Fibonacci {
//! ...
//! ```
//!
//! The text before the first `---` line is the description: its `WRONG:` (or
//! `SHORTCUT:`) line says the mistake in one line. `git apply` and `patch -p1` read
//! the same file from the solution crate's folder.
//!
//! A hunk applies where its context and removed lines are found, at the line it
//! names or, as `patch` does, at the nearest place they match exactly (so an edit
//! elsewhere in the solution does not break the patch); there is no fuzz: a context
//! line that changed is an error that names the hunk and the line.
//!
//! This file is shared, by `#[path]`, between the `known-wrong` macro crate and
//! `cargo course verify` (a proc-macro crate can export nothing but macros).

/// A parsed patch file.
#[derive(Debug)]
pub struct Patch {
    /// The text before the first file: the description.
    pub header: String,
    pub files: Vec<FilePatch>,
}

/// The changes to one file.
#[derive(Debug)]
pub struct FilePatch {
    /// The path after `+++ b/`, relative to the crate: `src/fibonacci.rs`.
    pub path: String,
    hunks: Vec<Hunk>,
}

#[derive(Debug)]
struct Hunk {
    /// The `@@ -start,count +start,count @@` line, for messages.
    heading: String,
    /// The first old line, counted from 1 (0 for an insertion into an empty file).
    old_start: usize,
    lines: Vec<Line>,
}

#[derive(Debug)]
enum Line {
    Context(String),
    Removed(String),
    Added(String),
}

/// What a known-wrong version is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A mistake the exercise's tests must catch.
    Wrong,
    /// A library call that replaces what the exercise asks for, which the exercise's
    /// `clippy.toml` must refuse.
    Shortcut,
}

impl Kind {
    pub fn marker(self) -> &'static str {
        match self {
            Kind::Wrong => "WRONG:",
            Kind::Shortcut => "SHORTCUT:",
        }
    }
}

impl Patch {
    /// Reads a patch; the error says which line is not what a unified diff has.
    pub fn parse(text: &str) -> Result<Patch, String> {
        let lines: Vec<&str> = text.lines().collect();
        let mut header = Vec::new();
        let mut files: Vec<FilePatch> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            if line.starts_with("--- ") && lines.get(i + 1).is_some_and(|l| l.starts_with("+++ ")) {
                files.push(FilePatch {
                    path: file_path(&lines[i + 1][4..]),
                    hunks: Vec::new(),
                });
                i += 2;
                continue;
            }
            if let Some(file) = files.last_mut().filter(|_| line.starts_with("@@ ")) {
                let (hunk, next) = read_hunk(&lines, i)?;
                file.hunks.push(hunk);
                i = next;
                continue;
            }
            if files.is_empty() {
                header.push(line);
            } else if !(line.starts_with("diff ") || line.starts_with("index ") || line.is_empty())
            {
                return Err(format!(
                    "line {}: `{line}` is neither a file (`--- a/...` then `+++ b/...`) nor a hunk (`@@ -l,n +l,n @@`)",
                    i + 1
                ));
            }
            i += 1;
        }
        if files.is_empty() {
            return Err("no `--- a/<file>` / `+++ b/<file>` lines: it changes nothing".to_string());
        }
        if let Some(empty) = files.iter().find(|f| f.hunks.is_empty()) {
            return Err(format!("{} has no hunk (`@@ -l,n +l,n @@`)", empty.path));
        }
        Ok(Patch {
            header: header.join("\n"),
            files,
        })
    }

    /// The `WRONG:` or `SHORTCUT:` line of the header, and what it says.
    pub fn description(&self) -> Option<(Kind, &str)> {
        description(&self.header)
    }

    /// The changes to the file at `path` (relative to the crate), if it has any.
    pub fn file(&self, path: &str) -> Option<&FilePatch> {
        self.files.iter().find(|f| f.path == path)
    }
}

impl FilePatch {
    /// `source` with the hunks applied; the error names the hunk that does not fit.
    pub fn apply(&self, source: &str) -> Result<String, String> {
        let old: Vec<&str> = source.lines().collect();
        let mut out: Vec<&str> = Vec::with_capacity(old.len() + 8);
        // `next`: the first old line not yet copied. `drift`: how far the hunks so far
        // were found from where they said, which the next hunk is first looked for
        // with (as `patch` does).
        let mut next = 0;
        let mut drift: isize = 0;
        for (number, hunk) in self.hunks.iter().enumerate() {
            let expected: Vec<&str> = hunk
                .lines
                .iter()
                .filter_map(|line| match line {
                    Line::Context(text) | Line::Removed(text) => Some(text.as_str()),
                    Line::Added(_) => None,
                })
                .collect();
            let stated = hunk.old_start.saturating_sub(1);
            let wanted = stated.saturating_add_signed(drift).max(next);
            let at = find(&old, &expected, wanted, next).ok_or_else(|| {
                mismatch(number + 1, hunk, &old, &expected, wanted.min(old.len()))
            })?;
            drift = at as isize - stated as isize;
            out.extend_from_slice(&old[next..at]);
            for line in &hunk.lines {
                match line {
                    Line::Context(text) | Line::Added(text) => out.push(text),
                    Line::Removed(_) => {}
                }
            }
            next = at + expected.len();
        }
        out.extend_from_slice(&old[next..]);
        let mut text = out.join("\n");
        if source.ends_with('\n') || source.is_empty() {
            text.push('\n');
        }
        Ok(text)
    }
}

/// The `WRONG:` or `SHORTCUT:` line of a patch's header (the lines before its first
/// file), and what it says; read without the rest, which may not parse.
pub fn description(text: &str) -> Option<(Kind, &str)> {
    text.lines()
        .take_while(|line| !line.starts_with("--- "))
        .find_map(|line| {
            [Kind::Wrong, Kind::Shortcut].into_iter().find_map(|kind| {
                let said = line.strip_prefix(kind.marker())?.trim();
                Some((kind, said))
            })
        })
}

/// `b/src/x.rs\t2024-01-01 ...` -> `src/x.rs`.
fn file_path(after_plus: &str) -> String {
    let path = after_plus
        .split('\t')
        .next()
        .unwrap_or(after_plus)
        .trim_end();
    path.strip_prefix("b/").unwrap_or(path).to_string()
}

/// Reads the hunk whose `@@` line is `lines[at]`; returns it and the line after it.
fn read_hunk(lines: &[&str], at: usize) -> Result<(Hunk, usize), String> {
    let heading = lines[at];
    let bad = || {
        format!(
            "line {}: `{heading}` is not a hunk's `@@ -l,n +l,n @@` line",
            at + 1
        )
    };
    let ranges = heading
        .strip_prefix("@@ -")
        .and_then(|rest| rest.split_once(" @@"))
        .map(|(ranges, _)| ranges)
        .ok_or_else(bad)?;
    let (old, new) = ranges.split_once(" +").ok_or_else(bad)?;
    let range = |text: &str| -> Option<(usize, usize)> {
        match text.split_once(',') {
            Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
            None => Some((text.parse().ok()?, 1)),
        }
    };
    let (old_start, mut old_left) = range(old).ok_or_else(bad)?;
    let (_, mut new_left) = range(new).ok_or_else(bad)?;
    let mut hunk = Hunk {
        heading: heading.to_string(),
        old_start,
        lines: Vec::new(),
    };
    let mut i = at + 1;
    while old_left + new_left > 0 {
        let Some(&line) = lines.get(i) else {
            return Err(format!(
                "the hunk `{heading}` ends early: {old_left} old and {new_left} new lines missing"
            ));
        };
        // An editor may strip the one space of an empty context line.
        let (tag, text) = match line.chars().next() {
            None => (' ', ""),
            Some(tag) => (tag, &line[tag.len_utf8()..]),
        };
        let text = text.strip_suffix('\r').unwrap_or(text).to_string();
        match tag {
            ' ' if old_left > 0 && new_left > 0 => {
                old_left -= 1;
                new_left -= 1;
                hunk.lines.push(Line::Context(text));
            }
            '-' if old_left > 0 => {
                old_left -= 1;
                hunk.lines.push(Line::Removed(text));
            }
            '+' if new_left > 0 => {
                new_left -= 1;
                hunk.lines.push(Line::Added(text));
            }
            '\\' => {} // "\ No newline at end of file"
            _ => {
                return Err(format!(
                    "line {}: `{line}` does not fit the hunk `{heading}` (its line counts are wrong?)",
                    i + 1
                ));
            }
        }
        i += 1;
    }
    while lines.get(i).is_some_and(|line| line.starts_with('\\')) {
        i += 1;
    }
    Ok((hunk, i))
}

/// Where `expected` is in `old`, at or after `from`: the nearest match to `wanted`.
fn find(old: &[&str], expected: &[&str], wanted: usize, from: usize) -> Option<usize> {
    let fits = |at: usize| {
        at + expected.len() <= old.len()
            && old[at..at + expected.len()]
                .iter()
                .zip(expected)
                .all(|(have, want)| have.trim_end_matches('\r') == *want)
    };
    let last = old.len().checked_sub(expected.len())?;
    let wanted = wanted.min(last);
    (0..=old.len()).find_map(|distance| {
        let after = wanted + distance;
        if after <= last && fits(after) {
            return Some(after);
        }
        let before = wanted.checked_sub(distance).filter(|&at| at >= from)?;
        fits(before).then_some(before)
    })
}

/// Why a hunk does not apply: the first of its lines that is not where it should be.
fn mismatch(number: usize, hunk: &Hunk, old: &[&str], expected: &[&str], at: usize) -> String {
    let differs = expected
        .iter()
        .enumerate()
        .find(|(i, want)| old.get(at + i).map(|have| have.trim_end_matches('\r')) != Some(**want));
    let detail = match differs {
        Some((i, want)) => match old.get(at + i) {
            Some(have) => format!(
                "line {} should be `{want}` but is `{}`",
                at + i + 1,
                have.trim_end_matches('\r')
            ),
            None => format!("the file ends before line {} (`{want}`)", at + i + 1),
        },
        None => "its lines are found only before an earlier hunk".to_string(),
    };
    format!(
        "hunk {number} (`{}`) does not apply, and its lines are nowhere else in the file: {detail}",
        hunk.heading
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "fn a() {}\n\nfn b() {\n    1\n}\n\nfn c() {}\n";

    fn patch(body: &str) -> Patch {
        Patch::parse(&format!(
            "WRONG: returns 2.\nMore words.\n\n--- a/src/x.rs\n+++ b/src/x.rs\n{body}"
        ))
        .unwrap()
    }

    #[test]
    fn a_hunk_replaces_its_lines_and_keeps_the_rest() {
        let patch = patch("@@ -3,3 +3,3 @@\n fn b() {\n-    1\n+    2\n }\n");
        assert_eq!(patch.description(), Some((Kind::Wrong, "returns 2.")));
        let file = patch.file("src/x.rs").unwrap();
        assert_eq!(
            file.apply(SOURCE).unwrap(),
            "fn a() {}\n\nfn b() {\n    2\n}\n\nfn c() {}\n"
        );
    }

    #[test]
    fn a_hunk_is_found_where_the_file_moved_it() {
        // The solution gained two lines above the hunk since the patch was written.
        let moved = format!("// one\n// two\n{SOURCE}");
        let patch = patch("@@ -3,3 +3,4 @@\n fn b() {\n     1\n+    + 1\n }\n");
        let applied = patch.files[0].apply(&moved).unwrap();
        assert!(applied.contains("    1\n    + 1\n}"), "{applied}");
        assert!(applied.starts_with("// one\n// two\nfn a()"), "{applied}");
    }

    #[test]
    fn a_changed_context_line_is_named() {
        let patch = patch("@@ -3,3 +3,3 @@\n fn b() {\n-    7\n+    2\n }\n");
        let error = patch.files[0].apply(SOURCE).unwrap_err();
        assert!(error.contains("hunk 1"), "{error}");
        assert!(
            error.contains("line 4 should be `    7` but is `    1`"),
            "{error}"
        );
    }

    #[test]
    fn a_shortcut_says_so_and_broken_patches_are_refused() {
        let shortcut = Patch::parse(
            "SHORTCUT: tokio::time::timeout.\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
        )
        .unwrap();
        assert_eq!(
            shortcut.description(),
            Some((Kind::Shortcut, "tokio::time::timeout."))
        );
        assert_eq!(shortcut.files[0].apply("a\n").unwrap(), "b\n");
        assert!(
            Patch::parse("WRONG: nothing\n")
                .unwrap_err()
                .contains("changes nothing")
        );
        let short = Patch::parse("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n+b\n").unwrap_err();
        assert!(short.contains("ends early"), "{short}");
    }
}
