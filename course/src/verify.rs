//! `cargo course verify [chapter...]`: the maintainers' proof that the exercises work.
//! CI (`.ci/run`) runs it on every change.
//!
//! For every exercise crate, its tests must:
//! - FAIL on the stub, every one of them: a test that passes on `todo!()` checks
//!   nothing (and the stub must compile, so a learner's first run shows tests);
//! - PASS on the solution (`solutions/NN-name/<exercise>`, which runs the very same
//!   test file);
//! - catch every known-wrong solution: the solution crate built with each `wrong-*`
//!   feature is the solution with `wrong/<mistake>.patch` applied (by
//!   `known_wrong::patched!`), which must compile and fail at least one test. A wrong
//!   version that passes is a mistake the tests let through. A patch that no longer
//!   applies to the solution is named, with its hunk, before anything is built.
//!   (A whole copy `wrong/<mistake>.rs`, the older form, is still accepted until
//!   `.ci/wrong-to-patch` converts it.)
//! - refuse every known shortcut: a patch marked `SHORTCUT:` calls the library
//!   instead of writing what the exercise asks for; clippy, with the exercise's own
//!   `clippy.toml`, must refuse it, as `cargo course check` would refuse a learner's.
//!   The solution itself must pass that `clippy.toml`.
//!
//! An exercise whose subject is a race says `repeat = N` in its `exercises.toml`: its
//! tests then run N times on the solution (which must pass every time) and N times
//! on each wrong version, and the figures are printed: a race test is only as good
//! as its solution's zero and its racy version's count.
//!
//! It must stay fast (CI has two cores): all stubs and solutions are built by one
//! cargo run, and the known-wrong versions by one more cargo run per "round" (round
//! i builds every solution's i-th wrong version at once), so the number of cargo
//! runs is 1 + the most wrong versions any exercise has. The test binaries then run
//! a few at a time, while the shortcuts go through clippy one by one beside them
//! (each needs the exercise's own `CLIPPY_CONF_DIR`, so they cannot share a cargo
//! run). The figures and the time taken end the report.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::check::{LIMIT, short_name};
use crate::compile::{self, Built, Echo};
use crate::hints;
use crate::lookup;
use crate::patch;
use crate::shortcuts::{self, Rules, Verdict};
use crate::syllabus::{Course, Exercise, Solution, Wrong};
use crate::test_run::{self, Outcome, TestRun};

/// The fewest known-wrong solutions an exercise keeps (shortcuts not counted).
const MIN_WRONGS: usize = 2;

/// One run of one test binary to make: the stub, the solution, or a wrong version.
struct Job<'c> {
    exercise: &'c Exercise,
    version: Version,
    binary: PathBuf,
    dir: PathBuf,
    runs: u32,
}

#[derive(Clone, Copy, PartialEq)]
enum Version {
    Stub,
    Solution,
    /// The index of the wrong version in the solution's list.
    Wrong(usize),
}

pub fn command(course: &Course, wanted: &[String]) -> Result<bool> {
    let started = Instant::now();
    let mut slugs = Vec::new();
    for typed in wanted {
        slugs.push(lookup::chapter(course, typed)?.slug.clone());
    }
    let chosen = |chapter: &str| slugs.is_empty() || slugs.iter().any(|s| s == chapter);
    let exercises: Vec<&Exercise> = course.exercises().filter(|e| chosen(&e.chapter)).collect();
    let mut failures: Vec<String> = course
        .problems
        .iter()
        .filter(|problem| slugs.is_empty() || slugs.iter().any(|s| problem.contains(s.as_str())))
        .cloned()
        .collect();
    // A patch that does not apply is named here, and not built.
    let mut broken: HashSet<(String, usize)> = HashSet::new();
    for exercise in &exercises {
        failures.extend(shape_problems(course, exercise));
        let Some(solution) = &exercise.solution else {
            continue;
        };
        for (index, wrong) in solution.wrongs.iter().enumerate() {
            if let Err(why) = applies(solution, wrong) {
                failures.push(format!(
                    "{}: {} does not apply to the solution: {why}",
                    exercise.id(),
                    course.shown(&wrong.file)
                ));
                broken.insert((exercise.id(), index));
            }
        }
    }
    // Per exercise, the wrong versions the tests must catch, in rounds; the
    // shortcuts go to clippy.
    let tested: Vec<Vec<usize>> = exercises
        .iter()
        .map(|exercise| {
            let wrongs = exercise
                .solution
                .as_ref()
                .map_or(&[][..], |s| &s.wrongs[..]);
            (0..wrongs.len())
                .filter(|&i| !wrongs[i].shortcut && !broken.contains(&(exercise.id(), i)))
                .collect()
        })
        .collect();

    // Build: stubs and solutions in one cargo run, then one run per round of wrongs.
    let mut packages: Vec<&str> = exercises.iter().map(|e| e.package.as_str()).collect();
    packages.extend(
        exercises
            .iter()
            .filter_map(|e| Some(e.solution.as_ref()?.package.as_str())),
    );
    say!(
        "Building {} exercises and their solutions (one cargo run)...",
        exercises.len()
    );
    // The whole course is built as the whole workspace: cargo then settles the
    // dependencies' features exactly as the README's `cargo test` did and reuses what
    // that built. A `-p` list settles them differently, and rebuilds tokio and every
    // crate above it.
    let whole = slugs.is_empty();
    fn scope(whole: bool, packages: Vec<&str>) -> Vec<&str> {
        if whole { Vec::new() } else { packages }
    }
    let base = compile::tests(&course.root, &scope(whole, packages), &[], Echo::Progress)?;
    let rounds = tested.iter().map(Vec::len).max().unwrap_or(0);
    let mut wrong_builds: Vec<Built> = Vec::new();
    for round in 0..rounds {
        let mut packages = Vec::new();
        let mut features = Vec::new();
        for (exercise, indices) in exercises.iter().zip(&tested) {
            if let (Some(solution), Some(&index)) = (&exercise.solution, indices.get(round)) {
                packages.push(solution.package.as_str());
                features.push(format!(
                    "{}/{}",
                    solution.package, solution.wrongs[index].feature
                ));
            }
        }
        say!(
            "Building the known-wrong solutions, round {} of {rounds} ({} crates)...",
            round + 1,
            packages.len()
        );
        wrong_builds.push(compile::tests(
            &course.root,
            &scope(whole, packages),
            &features,
            Echo::Progress,
        )?);
    }
    let built_in = started.elapsed();

    // What to run, and what did not even compile.
    let mut jobs: Vec<Job> = Vec::new();
    let mut plan = |exercise, version, built: &Built, dir: &Path, runs| -> bool {
        let Some(binary) = built.binary_of(dir) else {
            return false;
        };
        jobs.push(Job {
            exercise,
            version,
            binary: binary.to_path_buf(),
            dir: dir.to_path_buf(),
            runs,
        });
        true
    };
    for (exercise, indices) in exercises.iter().zip(&tested) {
        let repeat = exercise.repeat.unwrap_or(1).max(1);
        if !plan(exercise, Version::Stub, &base, &exercise.dir, 1) {
            failures.push(format!(
                "{}: the stub does not compile (a learner's first run must show failing tests)",
                exercise.id()
            ));
        }
        let Some(solution) = &exercise.solution else {
            continue;
        };
        if !plan(exercise, Version::Solution, &base, &solution.dir, repeat) {
            failures.push(format!("{}: the solution does not compile", exercise.id()));
        }
        for (round, &index) in indices.iter().enumerate() {
            let wrong = &solution.wrongs[index];
            if !plan(
                exercise,
                Version::Wrong(index),
                &wrong_builds[round],
                &solution.dir,
                repeat,
            ) {
                // The compiler points at the `patched!` line; the patched file itself
                // is one command away.
                let see = match is_patch(wrong) {
                    true => format!(
                        " (to see the patched file: `patch -p1 -o /tmp/wrong.rs src/{}.rs < {}` \
                         in {})",
                        exercise.name,
                        wrong
                            .file
                            .strip_prefix(&solution.dir)
                            .unwrap_or(&wrong.file)
                            .display(),
                        course.shown(&solution.dir)
                    ),
                    false => String::new(),
                };
                failures.push(format!(
                    "{}: {} ({}) does not compile; a known-wrong solution must compile{see}",
                    exercise.id(),
                    course.shown(&wrong.file),
                    wrong.feature
                ));
            }
        }
    }
    let any_not_built = !base.ok || wrong_builds.iter().any(|b| !b.ok);
    if any_not_built {
        say!("\nWhat cargo said:");
        for built in std::iter::once(&base)
            .chain(&wrong_builds)
            .filter(|b| !b.ok)
        {
            say!("{}", tail(&built.said, 80));
        }
    }

    // Clippy: each shortcut must be refused, and each solution whose exercise has a
    // list must pass it. Beside the test runs, which leave the cores mostly idle.
    let mut clippy_jobs: Vec<ClippyJob> = Vec::new();
    for exercise in &exercises {
        let Some(solution) = &exercise.solution else {
            continue;
        };
        let shortcuts: Vec<usize> = (0..solution.wrongs.len())
            .filter(|&i| solution.wrongs[i].shortcut && !broken.contains(&(exercise.id(), i)))
            .collect();
        match Rules::of(&exercise.dir) {
            Err(error) => failures.push(format!("{}: {error:#}", exercise.id())),
            Ok(None) => {
                for &index in &shortcuts {
                    failures.push(format!(
                        "{}: {} is a shortcut, but {}/clippy.toml lists nothing to refuse",
                        exercise.id(),
                        course.shown(&solution.wrongs[index].file),
                        course.shown(&exercise.dir)
                    ));
                }
            }
            Ok(Some(rules)) => {
                for shortcut in std::iter::once(None).chain(shortcuts.into_iter().map(Some)) {
                    clippy_jobs.push(ClippyJob {
                        exercise,
                        shortcut,
                        rules: rules.clone(),
                    });
                }
            }
        }
    }

    let run_started = Instant::now();
    let (results, verdicts) = std::thread::scope(|scope| {
        let clippy = scope.spawn(|| {
            clippy_jobs
                .iter()
                .map(|job| job.run(course))
                .collect::<Vec<Result<Verdict>>>()
        });
        let results = run_all(&jobs);
        (results, clippy.join())
    });
    let verdicts = verdicts.map_err(|_| anyhow::anyhow!("the clippy runs were lost"))?;
    let results = results?;
    let ran_in = run_started.elapsed();

    // The table: one row per exercise.
    let width = exercises
        .iter()
        .map(|e| e.id().len())
        .chain([8])
        .max()
        .unwrap_or(8);
    say!();
    // The shortcuts' column only where there are shortcuts.
    let shortcuts_known = clippy_jobs.iter().any(|job| job.shortcut.is_some());
    say!(
        "{:width$}  tests  stub (must fail)  solution (must pass)  wrong caught{}",
        "exercise",
        if shortcuts_known {
            "  shortcuts refused"
        } else {
            ""
        }
    );
    let mut races = Vec::new();
    for exercise in &exercises {
        let of = |version: Version| {
            jobs.iter()
                .zip(&results)
                .find(|(job, _)| job.exercise.id() == exercise.id() && job.version == version)
                .map(|(_, runs)| runs)
        };
        let stub = of(Version::Stub);
        let solution = of(Version::Solution);
        let total = solution
            .or(stub)
            .and_then(|runs| runs.first())
            .map_or(0, |run| run.results.len());
        let stub_column = match stub.and_then(|runs| runs.first()) {
            None => "does not build".to_string(),
            Some(run) => {
                for result in run.results.iter().filter(|r| r.outcome != Outcome::Failed) {
                    failures.push(format!(
                        "{}: `{}` does not fail on the stub, so it tests nothing",
                        exercise.id(),
                        short_name(&result.name)
                    ));
                }
                if let Some(solved) = solution.and_then(|runs| runs.first()) {
                    let names = |run: &TestRun| {
                        let mut names: Vec<String> =
                            run.results.iter().map(|r| r.name.clone()).collect();
                        names.sort();
                        names
                    };
                    if names(run) != names(solved) {
                        failures.push(format!(
                            "{}: the stub and the solution do not run the same tests",
                            exercise.id()
                        ));
                    }
                }
                flag(run.failed(), run.results.len(), "fail")
            }
        };
        let solution_column = match solution {
            None => "none".to_string(),
            Some(runs) => {
                let failed_runs = runs.iter().filter(|run| !run.all_passed()).count();
                if let Some(bad) = runs.iter().find(|run| !run.all_passed()) {
                    failures.push(format!(
                        "{}: the solution fails in {failed_runs} of {} runs: {}",
                        exercise.id(),
                        runs.len(),
                        why_not_passed(bad)
                    ));
                }
                let first = &runs[0];
                flag(first.passed(), first.results.len(), "pass")
            }
        };
        let wrongs = exercise
            .solution
            .as_ref()
            .map_or(&[][..], |s| &s.wrongs[..]);
        let mut caught = 0;
        let mut race = Vec::new();
        for (index, wrong) in wrongs.iter().enumerate().filter(|(_, w)| !w.shortcut) {
            let Some(runs) = of(Version::Wrong(index)) else {
                continue;
            };
            let caught_runs = runs.iter().filter(|run| catches(run)).count();
            race.push(format!("{} failed {caught_runs}", wrong.feature));
            if runs.iter().any(|run| run.timed_out) {
                failures.push(format!(
                    "{}: {} ({}) makes a test hang past {}s instead of failing: put that test \
                     under course_kit::watchdog with a message naming the mistake",
                    exercise.id(),
                    course.shown(&wrong.file),
                    wrong.feature,
                    LIMIT.as_secs()
                ));
            } else if caught_runs == 0 {
                failures.push(format!(
                    "{}: {} ({}) passes every test: the tests let this mistake through{}",
                    exercise.id(),
                    course.shown(&wrong.file),
                    wrong.feature,
                    wrong
                        .mistake
                        .as_ref()
                        .map(|m| format!(" (\"{m}\")"))
                        .unwrap_or_default()
                ));
            } else {
                caught += 1;
            }
        }
        let tested = wrongs.iter().filter(|w| !w.shortcut).count();
        let wrong_column = flag(caught, tested.max(MIN_WRONGS), "");
        let shortcut_column =
            judge_shortcuts(course, exercise, &clippy_jobs, &verdicts, &mut failures);
        let row = format!(
            "{:width$}  {total:5}  {stub_column:16}  {solution_column:20}  {wrong_column}",
            exercise.id()
        );
        if shortcuts_known {
            say!("{row:<width$}  {shortcut_column}", width = width + 61);
        } else {
            say!("{row}");
        }
        if let (Some(repeat), Some(runs)) = (exercise.repeat, solution) {
            let solution_failed = runs.iter().filter(|run| !run.all_passed()).count();
            races.push(format!(
                "  {}: {repeat} runs each; solution failed {solution_failed}; {}",
                exercise.id(),
                race.join(", ")
            ));
        }
    }
    if !races.is_empty() {
        say!("\nRace tests (repeat = N in exercises.toml):");
        for line in &races {
            say!("{line}");
        }
    }
    say!(
        "\nTook {:.0}s: building {:.0}s ({} cargo runs), running {:.0}s ({} test binaries, \
         and beside them {} clippy runs).",
        started.elapsed().as_secs_f64(),
        built_in.as_secs_f64(),
        1 + rounds,
        ran_in.as_secs_f64(),
        jobs.iter().map(|job| job.runs as usize).sum::<usize>(),
        clippy_jobs.len()
    );
    if !failures.is_empty() {
        say!("\n{}", failures.join("\n"));
        return Ok(false);
    }
    say!(
        "\nall {} exercises: every test fails on the stub and passes on the solution, {}",
        exercises.len(),
        if shortcuts_known {
            "every known-wrong solution is caught and every known shortcut refused"
        } else {
            "and every known-wrong solution is caught"
        }
    );
    Ok(true)
}

/// What the exercise must have besides code: hints, a solution, enough known-wrong
/// versions, each saying what it gets wrong.
fn shape_problems(course: &Course, exercise: &Exercise) -> Vec<String> {
    let mut problems = Vec::new();
    let id = exercise.id();
    let hints_file = course.shown(&exercise.hints_file());
    if !exercise.hints_file().is_file() {
        problems.push(format!("{id}: no {hints_file}: every exercise has hints"));
    } else if hints::of(exercise).is_empty() {
        problems.push(format!(
            "{id}: {hints_file} has no <details><summary>Hint 1: ...</summary> ... </details> block"
        ));
    }
    let Some(solution) = &exercise.solution else {
        problems.push(format!(
            "{id}: no solution crate at solutions/{}/{}",
            exercise.chapter, exercise.name
        ));
        return problems;
    };
    let mistakes = solution.wrongs.iter().filter(|w| !w.shortcut).count();
    if mistakes < MIN_WRONGS {
        problems.push(format!(
            "{id}: {mistakes} known-wrong solution(s); keep at least {MIN_WRONGS} (a `wrong-*` \
             feature and a wrong/<mistake>.patch each)"
        ));
    }
    for wrong in &solution.wrongs {
        let file = course.shown(&wrong.file);
        if !wrong.file.is_file() {
            problems.push(format!(
                "{id}: the feature {} has no file {file}",
                wrong.feature
            ));
        } else if wrong.mistake.as_deref().is_none_or(str::is_empty) {
            problems.push(if is_patch(wrong) {
                format!(
                    "{id}: {file} must say what it gets wrong: a `WRONG: <the mistake, in one \
                     line>` line (or `SHORTCUT: <the call>`) before its first `---`"
                )
            } else {
                format!("{id}: {file} must open with `//! WRONG: <the mistake, in one line>`")
            });
        }
    }
    problems
}

fn is_patch(wrong: &Wrong) -> bool {
    wrong.file.extension().is_some_and(|e| e == "patch")
}

/// Whether a known-wrong version's patch applies to the solution's files (a whole
/// copy, the older form, always does); the error names the hunk and the line.
fn applies(solution: &Solution, wrong: &Wrong) -> Result<(), String> {
    if !is_patch(wrong) || !wrong.file.is_file() {
        return Ok(());
    }
    let text = std::fs::read_to_string(&wrong.file).map_err(|e| e.to_string())?;
    let patch = patch::Patch::parse(&text).map_err(|why| format!("it is not a patch: {why}"))?;
    for file in &patch.files {
        let source = std::fs::read_to_string(solution.dir.join(&file.path))
            .map_err(|_| format!("it changes {}, which the solution does not have", file.path))?;
        file.apply(&source)
            .map_err(|why| format!("in {}, {why}", file.path))?;
    }
    Ok(())
}

/// A clippy run: a shortcut, which the exercise's `clippy.toml` must refuse, or (no
/// shortcut) the solution, which it must not.
struct ClippyJob<'c> {
    exercise: &'c Exercise,
    shortcut: Option<usize>,
    rules: Rules,
}

impl ClippyJob<'_> {
    fn run(&self, course: &Course) -> Result<Verdict> {
        let solution = self
            .exercise
            .solution
            .as_ref()
            .context("only exercises with a solution have clippy runs")?;
        let features: Vec<String> = self
            .shortcut
            .map(|index| solution.wrongs[index].feature.clone())
            .into_iter()
            .collect();
        shortcuts::clippy(&course.root, &solution.package, &features, &self.rules)
    }
}

/// The shortcuts column of the exercise's row (`1/1`, or `-` for none), and a
/// failure for each shortcut clippy let through and for a solution it refused.
fn judge_shortcuts(
    course: &Course,
    exercise: &Exercise,
    jobs: &[ClippyJob],
    verdicts: &[Result<Verdict>],
    failures: &mut Vec<String>,
) -> String {
    let id = exercise.id();
    let Some(solution) = &exercise.solution else {
        return "-".to_string();
    };
    let rules_file = course.shown(&exercise.dir.join("clippy.toml"));
    let total = solution.wrongs.iter().filter(|w| w.shortcut).count();
    let mut refused = 0;
    for (job, verdict) in jobs.iter().zip(verdicts) {
        if job.exercise.id() != id {
            continue;
        }
        let Some(index) = job.shortcut else {
            match verdict {
                Ok(Verdict::Allowed) => {}
                Ok(Verdict::Refused(refusals)) => failures.push(format!(
                    "{id}: the solution itself uses what {rules_file} refuses: {}",
                    refusals
                        .iter()
                        .map(|r| format!("`{}`", r.path))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                Ok(Verdict::Broken(said)) => failures.push(format!(
                    "{id}: clippy cannot check the solution with {rules_file}:\n{said}"
                )),
                Err(error) => failures.push(format!("{id}: {error:#}")),
            }
            continue;
        };
        let wrong = &solution.wrongs[index];
        let file = course.shown(&wrong.file);
        match verdict {
            Ok(Verdict::Refused(_)) => refused += 1,
            Ok(Verdict::Allowed) => failures.push(format!(
                "{id}: {file} ({}) is a shortcut clippy does not refuse: list what it calls in \
                 {rules_file}{}",
                wrong.feature,
                wrong
                    .mistake
                    .as_ref()
                    .map(|m| format!(" (\"{m}\")"))
                    .unwrap_or_default()
            )),
            Ok(Verdict::Broken(said)) => failures.push(format!(
                "{id}: {file} ({}) does not compile; a known shortcut must compile:\n{said}",
                wrong.feature
            )),
            Err(error) => failures.push(format!("{id}: {file}: {error:#}")),
        }
    }
    if total == 0 {
        "-".to_string()
    } else {
        flag(refused, total, "")
    }
}

/// Runs every job's binary (`runs` times each), several binaries at a time: their
/// tests mostly wait (on watchdogs, sleeps, sockets), so two binaries per core keep
/// the cores busy.
fn run_all(jobs: &[Job]) -> Result<Vec<Vec<TestRun>>> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let workers = (2 * cores).clamp(4, 16);
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Result<Vec<TestRun>>>>> =
        jobs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else { break };
                    let runs: Result<Vec<TestRun>> = (0..job.runs)
                        .map(|_| test_run::run(&job.binary, &job.dir, LIMIT))
                        .collect();
                    if let Ok(mut slot) = results[index].lock() {
                        *slot = Some(runs);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err(anyhow::anyhow!("a test run was lost")))
        })
        .collect()
}

/// Whether a run of a wrong version was caught by the tests.
fn catches(run: &TestRun) -> bool {
    run.failed() > 0 || run.crashed || run.timed_out
}

fn why_not_passed(run: &TestRun) -> String {
    if run.timed_out {
        return format!("it hung past {}s", LIMIT.as_secs());
    }
    if run.crashed {
        return "the test binary crashed".to_string();
    }
    let failed: Vec<&str> = run
        .results
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .map(|r| short_name(&r.name))
        .collect();
    if failed.is_empty() {
        "it has no tests".to_string()
    } else {
        format!("`{}` failed", failed.join("`, `"))
    }
}

/// `2/2 fail`, with a mark when it is not all of them.
fn flag(count: usize, total: usize, what: &str) -> String {
    let what = if what.is_empty() {
        String::new()
    } else {
        format!(" {what}")
    };
    let mark = if count == total && total > 0 {
        ""
    } else {
        "  <-- !"
    };
    format!("{count}/{total}{what}{mark}")
}

/// The end of cargo's messages, at most `limit` lines, each cut to a readable width
/// (a linker's note is one line of many kilobytes).
fn tail(text: &str, limit: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(limit)..]
        .iter()
        .map(|line| match line.char_indices().nth(300) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
