//! What the course is made of, read from the repository every time: the ground
//! every other module of `cargo course` stands on (it imports none of them but
//! `patch`, the known-wrong versions' reader).
//!
//! Chapters are written while learners take the course, so nothing here is a
//! hard-coded list. A chapter is any `NN-name` folder or page under `chapters/`,
//! `exercises/` or `book/src/`; its title comes from the book's `SUMMARY.md`. Its
//! exercises are listed, in the order a learner meets them, by
//! `exercises/NN-name/exercises.toml`; each is a crate of its own
//! (`exercises/NN-name/<exercise>/`), so a compile error in one never stops another
//! from being checked. Its solution is the crate `solutions/NN-name/<exercise>/`,
//! which keeps the known-wrong versions (`wrong/*.patch`, one `wrong-*` feature each)
//! that `cargo course verify` expects the tests to catch.
//!
//! Whatever does not fit this shape is not an error for a learner (a chapter being
//! written is still a chapter); it is noted in [`Course::problems`], which `verify`
//! turns into a failure for the maintainer.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::patch;

/// The whole course, in order.
pub struct Course {
    /// The repository root: the folder whose `Cargo.toml` holds `[workspace]`.
    pub root: PathBuf,
    pub chapters: Vec<Chapter>,
    /// What does not have the shape described above, one sentence each.
    pub problems: Vec<String>,
}

pub struct Chapter {
    pub number: u32,
    /// The folder name, `01-generators`: how every path of the chapter is spelled.
    pub slug: String,
    /// `Generators`, from the book's table of contents.
    pub title: String,
    /// The package of `chapters/NN-name` (`ch01-generators`), whose binary runs the
    /// demos; `None` for a chapter that is only a page of the book.
    pub code: Option<String>,
    pub exercises: Vec<Exercise>,
}

pub struct Exercise {
    /// `fibonacci`: the folder, the module the learner edits, and what they type.
    pub name: String,
    /// `01-generators`, the chapter it belongs to.
    pub chapter: String,
    /// "Fibonacci as an Iterator".
    pub title: String,
    /// `easy`, `medium` or `hard`.
    pub level: String,
    /// For a test whose subject is a race: how many times `verify` runs it.
    pub repeat: Option<u32>,
    /// `exercises/NN-name/<name>`, the crate.
    pub dir: PathBuf,
    /// `ex01-fibonacci`, what `cargo -p` wants.
    pub package: String,
    /// The crate that solves it, if there is one yet.
    pub solution: Option<Solution>,
}

pub struct Solution {
    /// `solutions/NN-name/<name>`.
    pub dir: PathBuf,
    /// `sol01-fibonacci`.
    pub package: String,
    /// The known-wrong versions, in the alphabetical order of their features.
    pub wrongs: Vec<Wrong>,
}

/// A known-wrong solution: a mistake the exercise's tests exist to catch, or a
/// shortcut (a library call instead of what the exercise asks for) that the
/// exercise's `clippy.toml` must refuse.
pub struct Wrong {
    /// `wrong-waves`, the feature that swaps it in.
    pub feature: String,
    /// `solutions/NN-name/<name>/wrong/waves.patch`: the lines that differ from the
    /// solution, applied by `known_wrong::patched!`. (Or, in the older form being
    /// converted by `.ci/wrong-to-patch`, a whole copy `wrong/waves.rs`.)
    pub file: PathBuf,
    /// The patch's `WRONG: ...` (or `SHORTCUT: ...`) line, or the whole copy's
    /// `//! WRONG: ...` line, without the marker: the mistake in words.
    pub mistake: Option<String>,
    /// Whether it is marked `SHORTCUT:` rather than `WRONG:`.
    pub shortcut: bool,
}

/// `exercises/NN-name/exercises.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Listing {
    #[serde(default)]
    exercise: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    title: String,
    level: String,
    repeat: Option<u32>,
}

/// The part of a `Cargo.toml` the course reads.
#[derive(Deserialize)]
struct Manifest {
    package: Option<ManifestPackage>,
    #[serde(default)]
    features: BTreeMap<String, toml::Value>,
}

#[derive(Deserialize)]
struct ManifestPackage {
    name: String,
}

pub const LEVELS: [&str; 3] = ["easy", "medium", "hard"];

impl Course {
    /// Finds the repository from the current folder (a learner may be anywhere in it)
    /// and reads the course from it.
    pub fn discover() -> Result<Course> {
        let here = std::env::current_dir().context("cannot read the current folder")?;
        let root = find_root(&here)?;
        Course::read(root)
    }

    pub fn read(root: PathBuf) -> Result<Course> {
        let mut slugs = BTreeMap::new();
        for folder in ["chapters", "exercises", "book/src"] {
            let Ok(entries) = fs::read_dir(root.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                let slug = file_name.strip_suffix(".md").unwrap_or(&file_name);
                if let Some(number) = chapter_number(slug) {
                    slugs.insert((number, slug.to_string()), ());
                }
            }
        }
        let summary = fs::read_to_string(root.join("book/src/SUMMARY.md")).unwrap_or_default();
        let mut problems = Vec::new();
        let mut chapters = Vec::new();
        for (number, slug) in slugs.into_keys() {
            chapters.push(Chapter {
                number,
                title: title(&root, &slug, &summary),
                code: package_name(&root.join("chapters").join(&slug)),
                exercises: exercises_of(&root, &slug, &mut problems)?,
                slug,
            });
        }
        Ok(Course {
            root,
            chapters,
            problems,
        })
    }

    /// Every exercise of the course, in the order a learner meets them.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.chapters.iter().flat_map(|c| &c.exercises)
    }

    pub fn chapter(&self, slug: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.slug == slug)
    }

    /// `exercises/01-generators/fibonacci/src/fibonacci.rs`, relative to the root and
    /// with forward slashes, for messages.
    pub fn shown(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative.to_string_lossy().replace('\\', "/")
    }
}

impl Chapter {
    /// `generators`: the slug without its number, as a learner may type it.
    pub fn short_name(&self) -> &str {
        self.slug
            .split_once('-')
            .map_or(self.slug.as_str(), |(_, name)| name)
    }
}

impl Exercise {
    /// `01-generators/fibonacci`: unique across the course, the key of the state file.
    pub fn id(&self) -> String {
        format!("{}/{}", self.chapter, self.name)
    }

    /// The one file the learner edits: `src/<name>.rs`.
    pub fn source(&self) -> PathBuf {
        self.dir.join("src").join(format!("{}.rs", self.name))
    }

    /// The tests that judge it.
    pub fn tests(&self) -> PathBuf {
        self.dir.join("src").join("tests.rs")
    }

    /// The hints, shown one at a time by `cargo course hint` and folded in the book.
    pub fn hints_file(&self) -> PathBuf {
        self.dir.join("hints.md")
    }

    /// Every file of the crate that its result depends on: the sources (the stub,
    /// the tests, any given code) and the manifest. A change to any of them means the
    /// last check says nothing about the code as it is now.
    ///
    /// Only `.rs` files count, and not an editor's hidden companions (`.x.rs.swp`,
    /// Emacs' `.#x.rs` and `#x.rs#`), which change while the learner types.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.dir.join("Cargo.toml")];
        collect_files(&self.dir.join("src"), &mut files);
        files.retain(|file| {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            name == "Cargo.toml"
                || (name.ends_with(".rs") && !name.starts_with('.') && !name.starts_with('#'))
        });
        files.sort();
        files
    }

    /// The solution's version of the learner's file.
    pub fn solution_source(&self) -> Option<PathBuf> {
        let solution = self.solution.as_ref()?;
        Some(solution.dir.join("src").join(format!("{}.rs", self.name)))
    }
}

fn collect_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, into);
        } else {
            into.push(path);
        }
    }
}

/// The nearest folder, from `start` up, whose `Cargo.toml` declares the workspace.
fn find_root(start: &Path) -> Result<PathBuf> {
    for folder in start.ancestors() {
        let manifest = folder.join("Cargo.toml");
        if fs::read_to_string(&manifest).is_ok_and(|text| text.contains("[workspace]")) {
            return Ok(folder.to_path_buf());
        }
    }
    bail!(
        "{} is not inside the course's repository: run `cargo course` from the folder you cloned",
        start.display()
    )
}

/// `01-generators` -> 1; anything not shaped `NN-name` is not a chapter.
fn chapter_number(slug: &str) -> Option<u32> {
    let (number, name) = slug.split_once('-')?;
    if name.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
}

fn manifest(dir: &Path) -> Option<Manifest> {
    let text = fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    toml::from_str(&text).ok()
}

/// The `[package] name` of the crate in `dir`; `None` if there is no crate there (yet).
fn package_name(dir: &Path) -> Option<String> {
    Some(manifest(dir)?.package?.name)
}

/// The chapter's exercises, in the order its `exercises.toml` lists them. A chapter
/// without the file has no exercises yet; an entry whose crate is missing is left
/// out and noted, and so is a crate the file does not list.
fn exercises_of(root: &Path, chapter: &str, problems: &mut Vec<String>) -> Result<Vec<Exercise>> {
    let folder = root.join("exercises").join(chapter);
    let listing_file = folder.join("exercises.toml");
    let Ok(text) = fs::read_to_string(&listing_file) else {
        return Ok(Vec::new());
    };
    // A broken listing is the maintainers' mistake, but guessing around it would show
    // learners a wrong course: better say exactly where it is.
    let listing: Listing = toml::from_str(&text).with_context(|| {
        format!("exercises/{chapter}/exercises.toml is not a valid list of exercises")
    })?;
    let mut exercises = Vec::new();
    for entry in listing.exercise {
        let dir = folder.join(&entry.name);
        let Some(package) = package_name(&dir) else {
            problems.push(format!(
                "exercises/{chapter}/exercises.toml lists `{}`, but exercises/{chapter}/{}/Cargo.toml \
                 is missing or has no [package] name",
                entry.name, entry.name
            ));
            continue;
        };
        if !LEVELS.contains(&entry.level.as_str()) {
            problems.push(format!(
                "exercises/{chapter}/exercises.toml: `{}` has level `{}`; say one of {}",
                entry.name,
                entry.level,
                LEVELS.join(", ")
            ));
        }
        if exercises.iter().any(|e: &Exercise| e.name == entry.name) {
            problems.push(format!(
                "exercises/{chapter}/exercises.toml lists `{}` twice",
                entry.name
            ));
            continue;
        }
        let solution = solution_of(&root.join("solutions").join(chapter).join(&entry.name));
        exercises.push(Exercise {
            chapter: chapter.to_string(),
            title: entry.title,
            level: entry.level,
            repeat: entry.repeat,
            package,
            solution,
            dir,
            name: entry.name,
        });
    }
    for entry in fs::read_dir(&folder).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && !exercises.iter().any(|e| e.name == name) {
            problems.push(format!(
                "exercises/{chapter}/{name} is not listed in exercises/{chapter}/exercises.toml"
            ));
        }
    }
    Ok(exercises)
}

/// The solution crate in `dir` and its known-wrong versions.
fn solution_of(dir: &Path) -> Option<Solution> {
    let manifest = manifest(dir)?;
    let package = manifest.package?.name;
    let lib = fs::read_to_string(dir.join("src/lib.rs")).unwrap_or_default();
    let wrongs = manifest
        .features
        .keys()
        .filter(|feature| feature.starts_with("wrong-"))
        .map(|feature| {
            let file = dir.join(wrong_path(&lib, feature, dir));
            let text = fs::read_to_string(&file).unwrap_or_default();
            let (mistake, shortcut) = description(&text);
            Wrong {
                feature: feature.clone(),
                file,
                mistake,
                shortcut,
            }
        })
        .collect();
    Some(Solution {
        dir: dir.to_path_buf(),
        package,
        wrongs,
    })
}

/// Where the feature's patch is, relative to the crate: the string of the solution's
/// `#[cfg(feature = "wrong-x")] known_wrong::patched!(pub mod m, "wrong/x.patch");`,
/// or the `path = "..."` of an older `#[cfg_attr(feature = "wrong-x", path =
/// "../wrong/x.rs")]`; by the naming rule (`wrong-no-limit` -> `wrong/no_limit.patch`,
/// else `.rs`) when lib.rs does not say.
fn wrong_path(lib: &str, feature: &str, dir: &Path) -> String {
    let marker = format!("feature = \"{feature}\"");
    let declared = lib.find(&marker).and_then(|at| {
        // The attribute and what it applies to: up to the end of the item.
        let rest = &lib[at + marker.len()..];
        let item = &rest[..rest.find(';').unwrap_or(rest.len())];
        if let Some((_, after)) = item.split_once("path = \"") {
            let (path, _) = after.split_once('"')?;
            // Relative to src/, where lib.rs is.
            return Some(match path.strip_prefix("../") {
                Some(outside) => outside.to_string(),
                None => format!("src/{path}"),
            });
        }
        let quoted = item.split('"').skip(1).step_by(2);
        quoted
            .filter(|text| text.ends_with(".patch"))
            .map(str::to_string)
            .next()
    });
    declared.unwrap_or_else(|| {
        let stem = feature.trim_start_matches("wrong-").replace('-', "_");
        let patch = format!("wrong/{stem}.patch");
        if dir.join(&patch).is_file() {
            patch
        } else {
            format!("wrong/{stem}.rs")
        }
    })
}

/// The mistake a known-wrong version names, and whether it is a shortcut: a patch's
/// `WRONG:` or `SHORTCUT:` line before its first file, or a whole copy's first line,
/// `//! WRONG: ...`.
fn description(text: &str) -> (Option<String>, bool) {
    if let Some(first) = text.lines().next()
        && let Some(said) = first.strip_prefix("//! WRONG:")
    {
        return (Some(said.trim().to_string()), false);
    }
    match patch::description(text) {
        Some((kind, said)) => (Some(said.to_string()), kind == patch::Kind::Shortcut),
        None => (None, false),
    }
}

/// The chapter's title as the book's table of contents gives it
/// (`- [1. Generators](01-generators/index.md)`), else the page's first heading, else
/// the slug made readable.
fn title(root: &Path, slug: &str, summary: &str) -> String {
    let linked = |line: &&str| {
        line.contains(&format!("]({slug}/")) || line.contains(&format!("]({slug}.md)"))
    };
    let from_summary = summary
        .lines()
        .find(linked)
        .and_then(|line| Some(line.split_once('[')?.1.split_once("](")?.0.to_string()));
    let from_page = || {
        let page = fs::read_to_string(root.join("book/src").join(slug).join("index.md")).ok()?;
        let heading = page.lines().find(|l| l.starts_with("# "))?;
        Some(heading.trim_start_matches('#').trim().to_string())
    };
    let title = from_summary.or_else(from_page).unwrap_or_else(|| {
        let name = slug.split_once('-').map_or(slug, |(_, name)| name);
        name.replace('-', " ")
    });
    // "1. Generators" -> "Generators": the number is shown in a column of its own.
    match title.split_once(". ") {
        Some((number, rest)) if number.bytes().all(|b| b.is_ascii_digit()) => rest.to_string(),
        _ => title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chapter_is_a_number_dash_name() {
        assert_eq!(chapter_number("01-generators"), Some(1));
        assert_eq!(chapter_number("00-why-async"), Some(0));
        assert_eq!(chapter_number("SUMMARY"), None);
        assert_eq!(chapter_number("theme"), None);
        assert_eq!(chapter_number("01-"), None);
    }

    #[test]
    fn a_wrong_feature_finds_its_file_from_lib_rs_or_by_its_name() {
        let nowhere = Path::new("/nonexistent");
        let lib = "#[cfg_attr(feature = \"wrong-waves\", path = \"../wrong/in_waves.rs\")]\n\
                   pub mod bounded;\n";
        assert_eq!(wrong_path(lib, "wrong-waves", nowhere), "wrong/in_waves.rs");
        assert_eq!(
            wrong_path(lib, "wrong-no-limit", nowhere),
            "wrong/no_limit.rs"
        );
        let lib = "#[cfg(not(feature = \"known-wrong\"))]\npub mod bounded;\n\
                   #[cfg(feature = \"wrong-waves\")]\n\
                   known_wrong::patched!(pub mod bounded, \"wrong/in_waves.patch\");\n\
                   #[cfg(feature = \"wrong-late\")]\n\
                   known_wrong::patched!(pub mod bounded, \"wrong/late.patch\");\n";
        assert_eq!(
            wrong_path(lib, "wrong-waves", nowhere),
            "wrong/in_waves.patch"
        );
        assert_eq!(wrong_path(lib, "wrong-late", nowhere), "wrong/late.patch");
    }

    #[test]
    fn a_known_wrong_version_names_its_mistake() {
        let patch = "WRONG: no limit.\nMore words.\n\n--- a/src/x.rs\n+++ b/src/x.rs\n";
        assert_eq!(description(patch), (Some("no limit.".to_string()), false));
        let shortcut = "SHORTCUT: tokio::time::timeout\n--- a/src/x.rs\n+++ b/src/x.rs\n";
        assert_eq!(
            description(shortcut),
            (Some("tokio::time::timeout".to_string()), true)
        );
        let whole = "//! WRONG: waves.\n\nfn x() {}\n";
        assert_eq!(description(whole), (Some("waves.".to_string()), false));
        let unsaid = "--- a/src/x.rs\n+++ b/src/x.rs\n-WRONG: in the code\n";
        assert_eq!(description(unsaid), (None, false));
    }

    #[test]
    fn the_listing_accepts_a_repeat_count_and_rejects_unknown_keys() {
        let listing: Listing = toml::from_str(
            "[[exercise]]\nname = \"a\"\ntitle = \"A\"\nlevel = \"easy\"\nrepeat = 50\n",
        )
        .unwrap();
        assert_eq!(listing.exercise[0].repeat, Some(50));
        let typo = toml::from_str::<Listing>(
            "[[exercise]]\nname = \"a\"\ntitle = \"A\"\nlevel = \"easy\"\nrepaet = 5\n",
        );
        assert!(typo.is_err(), "a misspelt key must not be ignored");
    }
}
