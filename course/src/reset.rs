//! `cargo course reset <exercise>`, `reset --all` and `reset --undo <exercise>`: put
//! the stubs back, after asking, and never lose the learner's version.
//!
//! **Where a stub comes from.** Many learners commit their work as they go, so the last
//! commit is no stub: a file's stub is the file as *the course* last committed it.
//! Git tells whose a commit is. Of the commits that changed the file, the newest one
//! counts that either
//! - was made by someone else: its author is not the identity git gives the
//!   learner's own commits (`git var GIT_AUTHOR_IDENT`), or
//! - is part of the history the learner started from: `.course/start`, recorded the
//!   first time `cargo course` runs in a clone, is the newest commit of `HEAD`'s
//!   history made by someone else (or `HEAD`, when every commit has the learner's
//!   name, as for a maintainer taking their own course).
//!
//! So a learner's commits are skipped, whatever they hold and whenever they were
//! made, and a course update they pulled later (made by the course's authors) still
//! gives the newest stubs and tests. Only the working copy changes, never git's index
//! or history.
//!
//! **Nothing is lost.** Since a reset throws work away, it asks first (`--yes` skips
//! the question, for scripts), and before writing over a file it keeps the learner's
//! version under `.course/kept/<chapter>/<exercise>/<time>/`, printing where.
//! `reset --undo <exercise>` puts the newest kept copy back (keeping, in turn, any
//! change made since the reset).

use std::fs;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};

use crate::lookup;
use crate::paint;
use crate::state::{self, State};
use crate::syllabus::{Course, Exercise};

/// Returns whether the stubs were restored (a "no" leaves everything as it was).
pub fn command(course: &Course, name: Option<&str>, all: bool, yes: bool) -> Result<bool> {
    let exercises: Vec<&Exercise> = match name {
        Some(name) => vec![lookup::exercise(course, name)?],
        None if all => course.exercises().collect(),
        None => bail!(t!(
            "say which exercise to reset (`cargo course reset fibonacci`), or `--all`"
        )),
    };
    let history = History::read(&course.root)?;
    let mut changes: Vec<(&Exercise, Vec<Stub>)> = Vec::new();
    let mut skipped_mine = None;
    for exercise in &exercises {
        let stubs = history.stubs(course, exercise)?;
        skipped_mine = skipped_mine.or_else(|| stubs.iter().find_map(|s| s.skipped.clone()));
        let differ: Vec<Stub> = stubs
            .into_iter()
            .filter(|stub| fs::read(course.root.join(&stub.file)).ok().as_ref() != Some(&stub.text))
            .collect();
        if !differ.is_empty() {
            changes.push((exercise, differ));
        }
    }
    let what = match exercises.as_slice() {
        [one] => format!("`{}`", one.name),
        _ => t!("all {} exercises", exercises.len()),
    };
    if changes.is_empty() {
        say!(
            "{}",
            t!("{}: already as the course gave it, nothing to reset.", what)
        );
        return Ok(true);
    }
    if !yes {
        say!("{}", t!("These files differ from their stubs:"));
        for (_, stubs) in &changes {
            for stub in stubs {
                say!("  {}", stub.file);
            }
        }
        let question = t!(
            "Reset {} to the stubs? Your version is kept under .course/kept/ \
             (`--undo` brings it back). [y/N] ",
            what
        );
        if !confirm(&question)? {
            say!("{}", t!("Nothing changed."));
            return Ok(false);
        }
    }
    if let Some(commit) = skipped_mine {
        say!(
            "{}",
            paint::dim(&t!(
                "Your own commits are skipped: the stubs are the course's, from commit {}.",
                commit
            ))
        );
    }
    for (exercise, stubs) in &changes {
        let current: Vec<(String, Option<Vec<u8>>)> = stubs
            .iter()
            .map(|stub| {
                (
                    stub.file.clone(),
                    fs::read(course.root.join(&stub.file)).ok(),
                )
            })
            .collect();
        let kept = keep(course, exercise, &current)?;
        for stub in stubs {
            let target = course.root.join(&stub.file);
            fs::write(&target, &stub.text)
                .with_context(|| format!("cannot write {}", stub.file))?;
            say!("{} {}", paint::green(t!("restored")), stub.file);
        }
        if let Some(kept) = kept {
            say!(
                "{}",
                t!(
                    "  your version is kept in {}/ (`cargo course reset --undo {}` puts it back)",
                    course.shown(&kept),
                    exercise.name
                )
            );
        }
    }
    if all {
        // A fresh start: the hints seen and the results remembered go too.
        let _ = fs::remove_file(course.root.join(".course/state"));
        say!(
            "{}",
            t!("Your progress is reset too: `cargo course` starts from the first exercise.")
        );
    } else {
        let mut state = State::load(&course.root);
        for exercise in &exercises {
            state.checks.remove(&exercise.id());
        }
        state.save(&course.root)?;
        say!(
            "{}",
            t!(
                "`cargo course check {}` now fails again, as a fresh exercise does.",
                exercises[0].name
            )
        );
    }
    Ok(true)
}

/// `reset --undo <exercise>`: the newest copy a reset kept goes back in place. What
/// it replaces is kept in turn, unless it is the stub (then nothing is lost).
pub fn undo(course: &Course, name: &str) -> Result<bool> {
    let exercise = lookup::exercise(course, name)?;
    let Some(copy) = kept_copies(course, exercise).pop() else {
        say!(
            "{}",
            t!(
                "No kept copy of `{0}`: `cargo course reset {0}` keeps one before it puts the \
                 stub back, and none has yet.",
                exercise.name
            )
        );
        return Ok(false);
    };
    let mut files = Vec::new();
    collect(&copy, &mut files);
    let stubs = History::read(&course.root).and_then(|h| h.stubs(course, exercise));
    let stubs = stubs.unwrap_or_default();
    let mut replaced = Vec::new();
    let mut writes = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&copy).unwrap_or(&file);
        let target = exercise.dir.join(relative);
        let shown = course.shown(&target);
        let text = fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let now = fs::read(&target).ok();
        let is_stub = stubs
            .iter()
            .any(|s| s.file == shown && now.as_ref() == Some(&s.text));
        if now.as_ref() != Some(&text) && !is_stub {
            replaced.push((shown.clone(), now));
        }
        writes.push((target, shown, text));
    }
    let kept = keep(course, exercise, &replaced)?;
    for (target, shown, text) in writes {
        fs::write(&target, text).with_context(|| format!("cannot write {shown}"))?;
        say!("{} {shown}", paint::green(t!("put back")));
    }
    fs::remove_dir_all(&copy)
        .with_context(|| format!("cannot remove {} once put back", copy.display()))?;
    say!(
        "{}",
        t!(
            "`{0}` is as it was before `cargo course reset {0}` (kept {1}).",
            exercise.name,
            copy.file_name().unwrap_or_default().to_string_lossy()
        )
    );
    if let Some(kept) = kept {
        say!(
            "{}",
            t!(
                "  what you wrote since the reset is kept in {}/ (`--undo` again brings it back)",
                course.shown(&kept)
            )
        );
    }
    Ok(true)
}

/// `.course/kept/<chapter>/<exercise>/`: where `reset` keeps the learner's versions.
fn kept_folder(course: &Course, exercise: &Exercise) -> PathBuf {
    course
        .root
        .join(".course/kept")
        .join(&exercise.chapter)
        .join(&exercise.name)
}

/// The copies kept for `exercise`, oldest first.
fn kept_copies(course: &Course, exercise: &Exercise) -> Vec<PathBuf> {
    let mut copies: Vec<PathBuf> = fs::read_dir(kept_folder(course, exercise))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    copies.sort_by_key(|path| copy_order(path));
    copies
}

/// `2025-06-01T12-30-05Z` sorts by its text; a second copy in the same second is
/// `...Z-2`, `...Z-3` (compared as numbers, so `-10` comes after `-9`).
fn copy_order(path: &Path) -> (String, u32) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    match name.split_once("Z-") {
        Some((time, n)) => (format!("{time}Z"), n.parse().unwrap_or(0)),
        None => (name.into_owned(), 1),
    }
}

/// Keeps `files` (paths from the root, and their text; `None` for a file that is not
/// there) in a new copy folder for `exercise`; returns the folder, or `None` when
/// there was nothing to keep.
fn keep(
    course: &Course,
    exercise: &Exercise,
    files: &[(String, Option<Vec<u8>>)],
) -> Result<Option<PathBuf>> {
    let present: Vec<(&String, &Vec<u8>)> = files
        .iter()
        .filter_map(|(file, text)| Some((file, text.as_ref()?)))
        .collect();
    if present.is_empty() {
        return Ok(None);
    }
    state::folder(&course.root)?;
    let parent = kept_folder(course, exercise);
    let time = stamp(SystemTime::now());
    let mut copy = parent.join(&time);
    let mut n = 1;
    while copy.exists() {
        n += 1;
        copy = parent.join(format!("{time}-{n}"));
    }
    for (file, text) in present {
        let relative = course
            .root
            .join(file)
            .strip_prefix(&exercise.dir)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| PathBuf::from(file));
        let target = copy.join(relative);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        fs::write(&target, text)
            .with_context(|| format!("cannot keep a copy of {file} in {}", target.display()))?;
    }
    Ok(Some(copy))
}

fn collect(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, into);
        } else {
            into.push(path);
        }
    }
}

/// UTC, in a form that is a valid file name everywhere and sorts by time:
/// `2025-06-01T12-30-05Z`.
fn stamp(time: SystemTime) -> String {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}-{:02}-{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    (year, month, day)
}

/// Records, once per clone, the history the learner started from: the newest commit
/// of `HEAD`'s history that someone else made (a learner may have committed before
/// the first run), or `HEAD` when every commit has the learner's name. Outside git,
/// or when it fails, nothing is recorded and nothing is said: the stubs then come
/// from the authors of the commits alone.
pub fn remember_start(root: &Path) {
    let file = root.join(".course/start");
    if file.exists() {
        return;
    }
    let Ok(log) = git(root, &["log", "--format=%H %ae", "HEAD"]) else {
        return;
    };
    let log = String::from_utf8_lossy(&log).into_owned();
    let me = identity(root);
    let mut commits = log
        .lines()
        .map(|line| line.split_once(' ').unwrap_or((line, "")));
    let Some((head, _)) = commits.clone().next() else {
        return;
    };
    let start = commits
        .find(|(_, author)| me.as_deref().is_some_and(|me| me != *author))
        .map_or(head, |(commit, _)| commit);
    if state::folder(root).is_err() {
        return;
    }
    let _ = fs::write(
        &file,
        format!(
            "{start}\n# Where this clone's history stood, without the learner's own commits, \
             when `cargo course` first ran: `cargo course reset` takes the stubs from it \
             or from commits by others (the course's updates).\n"
        ),
    );
}

/// The email git puts on the learner's commits (from `GIT_AUTHOR_EMAIL`, the config,
/// or what git guesses), if git has one.
fn identity(root: &Path) -> Option<String> {
    // "Name <email> 1717243200 +0000"
    let ident = git(root, &["var", "GIT_AUTHOR_IDENT"]).ok()?;
    let ident = String::from_utf8_lossy(&ident).into_owned();
    let (_, rest) = ident.split_once('<')?;
    let (email, _) = rest.split_once('>')?;
    Some(email.to_string())
}

/// One file's stub: its path from the root, its text, and, when a commit of the
/// learner's own changed the file since, the short id of the course's commit used.
#[derive(Clone)]
struct Stub {
    file: String,
    text: Vec<u8>,
    skipped: Option<String>,
}

/// What git knows that decides whose a commit is.
struct History<'r> {
    root: &'r Path,
    /// `.course/start`, if recorded and still a commit here.
    start: Option<String>,
    /// The email git puts on the learner's commits, if git has one.
    me: Option<String>,
}

impl<'r> History<'r> {
    fn read(root: &'r Path) -> Result<History<'r>> {
        git(root, &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
            .context("the stubs come from git's history, and this folder has none")?;
        let start = fs::read_to_string(root.join(".course/start"))
            .ok()
            .and_then(|text| text.split_whitespace().next().map(str::to_string))
            .filter(|commit| {
                git(root, &["cat-file", "-e", &format!("{commit}^{{commit}}")]).is_ok()
            });
        Ok(History {
            root,
            start,
            me: identity(root),
        })
    }

    /// The stub of every file of the exercise's crate that the course has committed.
    fn stubs(&self, course: &Course, exercise: &Exercise) -> Result<Vec<Stub>> {
        let dir = course.shown(&exercise.dir);
        let mut files = self.files_at("HEAD", &dir)?;
        if let Some(start) = &self.start {
            files.extend(self.files_at(start, &dir)?);
        }
        files.sort();
        files.dedup();
        if files.is_empty() {
            bail!("{dir} is not in git's history, so there is no stub to restore it from");
        }
        let mut stubs = Vec::new();
        for file in files {
            if let Some(stub) = self.stub(&file)? {
                stubs.push(stub);
            }
        }
        Ok(stubs)
    }

    /// The file as the newest of the course's commits that changed it has it; `None`
    /// when that commit deleted it (the course no longer has it).
    fn stub(&self, file: &str) -> Result<Option<Stub>> {
        let log = git(self.root, &["log", "--format=%H %ae", "HEAD", "--", file])?;
        let log = String::from_utf8_lossy(&log).into_owned();
        let from_start = match &self.start {
            Some(start) => {
                String::from_utf8_lossy(&git(self.root, &["rev-list", start, "--", file])?)
                    .into_owned()
            }
            None => String::new(),
        };
        let mut skipped = false;
        for line in log.lines() {
            let (commit, author) = line.split_once(' ').unwrap_or((line, ""));
            let theirs = from_start.lines().any(|c| c == commit)
                || self.me.as_deref().is_none_or(|me| me != author);
            if !theirs {
                skipped = true;
                continue;
            }
            let text = git(self.root, &["show", &format!("{commit}:./{file}")]).ok();
            return Ok(text.map(|text| Stub {
                file: file.to_string(),
                text,
                skipped: skipped.then(|| commit.chars().take(10).collect()),
            }));
        }
        Ok(None)
    }

    fn files_at(&self, commit: &str, dir: &str) -> Result<Vec<String>> {
        let listing = git(
            self.root,
            &["ls-tree", "-r", "--name-only", commit, "--", dir],
        )?;
        Ok(String::from_utf8_lossy(&listing)
            .lines()
            .map(String::from)
            .collect())
    }
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .current_dir(root)
        .args(args)
        .output()
        .context("cannot run git, which keeps the stubs: is it installed?")?;
    if !output.status.success() {
        bail!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// Asks on the terminal; anything but "y" or "yes" (or no answer at all) is a no.
fn confirm(question: &str) -> Result<bool> {
    print!("{question}");
    std::io::stdout().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_kept_copy_is_named_by_its_utc_time() {
        let at = |seconds| stamp(UNIX_EPOCH + Duration::from_secs(seconds));
        assert_eq!(at(0), "1970-01-01T00-00-00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00-00-00Z");
        assert_eq!(at(1_748_781_005), "2025-06-01T12-30-05Z");
        assert_eq!(at(4_107_542_399), "2100-02-28T23-59-59Z");
    }

    #[test]
    fn copies_of_the_same_second_sort_by_their_number() {
        let mut names = [
            "2025-06-01T12-30-05Z-10",
            "2025-06-01T12-30-06Z",
            "2025-06-01T12-30-05Z-2",
            "2025-06-01T12-30-05Z",
        ]
        .map(PathBuf::from);
        names.sort_by_key(|p| copy_order(p));
        assert_eq!(
            names.map(|p| p.display().to_string()),
            [
                "2025-06-01T12-30-05Z",
                "2025-06-01T12-30-05Z-2",
                "2025-06-01T12-30-05Z-10",
                "2025-06-01T12-30-06Z"
            ]
        );
    }
}
