//! `cargo course verify [chapter...]`: the maintainer's proof that the exercises work.
//!
//! For every `exercises/NN-name` crate, run its tests (on the stubs) and those of
//! `solutions/NN-name` (the same test file, on the solved code). Every test must FAIL
//! on the stub, since a test that passes on `todo!()` checks nothing, and PASS on the
//! solution. The table has a row per exercise; any problem makes the exit code 1.
//! CI (`.ci/run`) runs it on every change.

use std::collections::BTreeMap;

use anyhow::{Result, bail};

use crate::lookup;
use crate::syllabus::{Course, Package};
use crate::test_run::{self, Outcome};

pub fn command(course: &Course, wanted: &[String]) -> Result<bool> {
    let mut slugs = Vec::new();
    for typed in wanted {
        slugs.push(lookup::chapter(course, typed)?.slug.clone());
    }
    let mut rows: Vec<(String, usize, usize, usize)> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for chapter in &course.chapters {
        let Some(stub) = &chapter.stubs else { continue };
        if !slugs.is_empty() && !slugs.contains(&chapter.slug) {
            continue;
        }
        let Some(solved) = &chapter.solutions else {
            failures.push(format!("{}: no solutions/{}", chapter.slug, chapter.slug));
            continue;
        };
        let on_stub = outcomes(course, stub)?;
        let on_solution = outcomes(course, solved)?;
        if on_stub.keys().ne(on_solution.keys()) {
            failures.push(format!(
                "{}: the stub and the solution do not run the same tests",
                chapter.slug
            ));
        }
        // One row per exercise, in the chapter's order (tests run in parallel, so the
        // order they finish in means nothing).
        let mut groups: Vec<(&str, Vec<&String>)> = Vec::new();
        for test in on_solution.keys() {
            let exercise = test_run::exercise_of(test);
            match groups.iter_mut().find(|(name, _)| *name == exercise) {
                Some((_, tests)) => tests.push(test),
                None => groups.push((exercise, vec![test])),
            }
        }
        let position = |name: &str| chapter.exercises.iter().position(|e| e.name == name);
        groups.sort_by_key(|(name, _)| position(name).unwrap_or(usize::MAX));
        for (exercise, tests) in groups {
            let failed_on_stub = tests
                .iter()
                .filter(|t| on_stub.get(**t) == Some(&Outcome::Failed))
                .count();
            let passed_on_solution = tests
                .iter()
                .filter(|t| on_solution[**t] == Outcome::Passed)
                .count();
            rows.push((
                format!("{}/{exercise}", chapter.slug),
                tests.len(),
                failed_on_stub,
                passed_on_solution,
            ));
            for test in &tests {
                if on_stub.get(*test) == Some(&Outcome::Passed) {
                    failures.push(format!(
                        "{}: `{test}` passes on the stub, so it tests nothing",
                        chapter.slug
                    ));
                }
                if on_solution[*test] != Outcome::Passed {
                    failures.push(format!("{}: `{test}` fails on the solution", chapter.slug));
                }
            }
        }
    }
    let width = rows.iter().map(|r| r.0.len()).chain([8]).max().unwrap_or(8);
    say!(
        "{:width$}  tests  stub (must fail)  solution (must pass)",
        "exercise"
    );
    for (name, total, failed, passed) in &rows {
        let stub = format!(
            "{failed}/{total} fail{}",
            if failed == total { "" } else { "  <-- !" }
        );
        let solution = format!(
            "{passed}/{total} pass{}",
            if passed == total { "" } else { "  <-- !" }
        );
        say!("{name:width$}  {total:5}  {stub:16}  {solution}");
    }
    if !failures.is_empty() {
        say!("\n{}", failures.join("\n"));
        return Ok(false);
    }
    say!(
        "\nall {} exercises: every test fails on the stub and passes on the solution",
        rows.len()
    );
    Ok(true)
}

/// Every test of the crate and how it ended. Doc tests are run too (no `--lib`), as
/// the Python script does: a passing doctest in a stub would be a test of nothing.
fn outcomes(course: &Course, crate_: &Package) -> Result<BTreeMap<String, Outcome>> {
    let run = test_run::run(&course.root, &crate_.name, None, false)?;
    if run.results.is_empty() {
        let tail: String = {
            let chars: Vec<char> = run.stderr.chars().collect();
            chars[chars.len().saturating_sub(3000)..].iter().collect()
        };
        bail!(
            "{}: no test results (does it compile?)\n{tail}",
            course.shown(&crate_.dir)
        );
    }
    Ok(run
        .results
        .into_iter()
        .map(|r| (r.name, r.outcome))
        .collect())
}
