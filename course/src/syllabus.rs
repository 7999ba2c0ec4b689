//! What the course is made of, read from the repository every time.
//!
//! Chapters are written while learners take the course, so nothing here is a
//! hard-coded list: a chapter is any `NN-name` folder or page under `chapters/`,
//! `exercises/` or `book/src/`; its title comes from the book's `SUMMARY.md`; its
//! exercises are the `mod <exercise>` blocks of `exercises/NN-name/src/tests.rs`
//! that have a file of their own beside it. A chapter that has no code or no
//! exercises yet is still a chapter, shown as such.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::hints;

/// The whole course, in order.
pub struct Course {
    /// The repository root: the folder whose `Cargo.toml` holds `[workspace]`.
    pub root: PathBuf,
    pub chapters: Vec<Chapter>,
}

pub struct Chapter {
    pub number: u32,
    /// The folder name, `01-generators`: how every path of the chapter is spelled.
    pub slug: String,
    /// `Generators`, from the book's table of contents.
    pub title: String,
    /// `chapters/NN-name`, the demos (`None` for a book-only chapter).
    pub code: Option<Package>,
    /// `exercises/NN-name`, the stubs the learner fills in.
    pub stubs: Option<Package>,
    /// `solutions/NN-name`, the same modules solved.
    pub solutions: Option<Package>,
    pub exercises: Vec<Exercise>,
}

/// A cargo package of the workspace: where it is and the name `-p` wants.
pub struct Package {
    pub dir: PathBuf,
    pub name: String,
}

pub struct Exercise {
    /// The module name, `fibonacci`: also the test module `tests::fibonacci`.
    pub name: String,
    /// `01-generators`, the chapter it belongs to.
    pub chapter: String,
    /// `easy`, `medium`, ... when the book's heading says so.
    pub level: Option<String>,
    /// The stub's source: `src/<name>.rs`, or the folder `src/<name>/`.
    pub source: PathBuf,
}

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
        let chapters = slugs
            .into_keys()
            .map(|(number, slug)| Chapter::read(&root, number, slug, &summary))
            .collect();
        Ok(Course { root, chapters })
    }

    /// Every exercise of the course, in the order a learner meets them.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.chapters.iter().flat_map(|c| &c.exercises)
    }

    pub fn chapter(&self, slug: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.slug == slug)
    }

    /// `exercises/01-generators/src/fibonacci.rs`, relative to the root, for messages.
    pub fn shown(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative.to_string_lossy().replace('\\', "/")
    }
}

impl Chapter {
    fn read(root: &Path, number: u32, slug: String, summary: &str) -> Chapter {
        let package = |folder: &str| Package::read(&root.join(folder).join(&slug));
        let stubs = package("exercises");
        let levels = hints::levels(&root.join("book/src").join(&slug).join("exercises.md"));
        let exercises = stubs
            .as_ref()
            .map(|stubs| exercises_of(stubs, &slug, &levels))
            .unwrap_or_default();
        Chapter {
            number,
            title: title(root, &slug, summary),
            code: package("chapters"),
            solutions: package("solutions"),
            stubs,
            exercises,
            slug,
        }
    }

    /// `generators`: the slug without its number, as a learner may type it.
    pub fn short_name(&self) -> &str {
        self.slug
            .split_once('-')
            .map_or(self.slug.as_str(), |(_, name)| name)
    }
}

impl Package {
    fn read(dir: &Path) -> Option<Package> {
        let manifest = fs::read_to_string(dir.join("Cargo.toml")).ok()?;
        Some(Package {
            name: package_name(&manifest)?,
            dir: dir.to_path_buf(),
        })
    }
}

impl Exercise {
    /// `01-generators/fibonacci`: unique across the course, the key of the state file.
    pub fn id(&self) -> String {
        format!("{}/{}", self.chapter, self.name)
    }

    /// The files a learner edits for this exercise (one file, or a folder's files).
    pub fn files(&self) -> Vec<PathBuf> {
        if self.source.is_dir() {
            let mut files = Vec::new();
            collect_files(&self.source, &mut files);
            files.sort();
            files
        } else {
            vec![self.source.clone()]
        }
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

/// The `name = "..."` of the `[package]` table, read without a TOML parser: the
/// manifests of the course are plain, and a half-written one simply is not found.
pub fn package_name(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package && let Some(value) = line.strip_prefix("name") {
            let value = value.trim_start().strip_prefix('=')?.trim();
            return Some(value.trim_matches('"').to_string());
        }
    }
    None
}

/// The exercises of a stub crate: the top-level `mod <name>` blocks of its tests that
/// have a source of their own (a test-only helper module is not an exercise).
fn exercises_of(
    stubs: &Package,
    chapter: &str,
    levels: &BTreeMap<String, String>,
) -> Vec<Exercise> {
    let src = stubs.dir.join("src");
    let tests = fs::read_to_string(src.join("tests.rs")).unwrap_or_default();
    let mut exercises: Vec<Exercise> = Vec::new();
    for line in tests.lines() {
        let Some(rest) = line
            .strip_prefix("mod ")
            .or_else(|| line.strip_prefix("pub mod "))
        else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let file = src.join(format!("{name}.rs"));
        let folder = src.join(&name);
        let source = if file.is_file() {
            file
        } else if folder.is_dir() {
            folder
        } else {
            continue;
        };
        if name.is_empty() || exercises.iter().any(|e| e.name == name) {
            continue;
        }
        exercises.push(Exercise {
            level: levels.get(&name).cloned(),
            chapter: chapter.to_string(),
            name,
            source,
        });
    }
    exercises
}

/// The chapter's title as the book's table of contents gives it (`- [1. Generators](01-generators/index.md)`),
/// else the page's first heading, else the slug made readable.
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
    fn the_package_name_is_read_from_the_package_table_only() {
        let manifest = "[package]\nname = \"ex01-generators\"\n[dependencies]\nname = \"no\"\n";
        assert_eq!(package_name(manifest).as_deref(), Some("ex01-generators"));
        assert_eq!(package_name("[workspace]\nmembers = []\n"), None);
    }
}
