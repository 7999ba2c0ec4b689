//! Every answer the quizzes give is checked against what the compiler and the program
//! really do. Each test collects all the problems it finds before failing, so one run
//! shows every wrong answer at once, each with what the quiz says and what is true.

use quizzes::quiz::{
    CHAPTERS, CompilerError, Expected, FULL_QUIZZES, MIN_QUESTIONS, Question, Quiz, UNDOCUMENTED,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn quizzes_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every quiz, with its stem (`ch02`) and book folder.
fn all_quizzes() -> Vec<(&'static str, &'static str, Quiz)> {
    CHAPTERS
        .iter()
        .map(|(stem, folder)| {
            let quiz = Quiz::load(&quizzes_dir().join(format!("{stem}.toml")))
                .unwrap_or_else(|e| panic!("{e}"));
            (*stem, *folder, quiz)
        })
        .collect()
}

fn program_questions() -> Vec<(Question, String, Expected)> {
    let mut found = Vec::new();
    for (_, _, quiz) in all_quizzes() {
        for question in quiz.questions {
            if let (Some(program), Some(expected)) = (question.program(), question.expected()) {
                let expected = expected.unwrap_or_else(|e| panic!("{e}"));
                found.push((question, program, expected));
            }
        }
    }
    found
}

fn fail_with(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

/// Runs `items` on a few threads (the machine may have only two cores), in order.
fn on_threads<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = work(item);
                    results.lock().expect("no worker panics").push((i, result));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("no worker panics");
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[test]
fn every_chapter_has_a_quiz_of_six_questions_or_more_mostly_programs() {
    let mut problems = Vec::new();
    for (stem, _, quiz) in all_quizzes() {
        let programs = quiz
            .questions
            .iter()
            .filter(|q| q.program().is_some())
            .count();
        let total = quiz.questions.len();
        if total < 6 {
            problems.push(format!("{stem}: {total} questions, fewer than 6"));
        }
        if programs * 2 <= total {
            problems.push(format!(
                "{stem}: only {programs} of {total} questions show a program"
            ));
        }
    }
    fail_with(&problems);
}

#[test]
fn chapters_one_to_seven_have_ten_questions_or_more_a_third_of_them_conceptual() {
    let mut problems = Vec::new();
    for (stem, _, quiz) in all_quizzes() {
        if !FULL_QUIZZES.contains(&stem) {
            continue;
        }
        let total = quiz.questions.len();
        let conceptual = quiz.questions.iter().filter(|q| q.conceptual).count();
        if total < MIN_QUESTIONS {
            problems.push(format!(
                "{stem}: {total} questions, fewer than {MIN_QUESTIONS}"
            ));
        }
        if conceptual * 3 < total {
            problems.push(format!(
                "{stem}: {conceptual} of {total} questions are conceptual, fewer than a third"
            ));
        }
    }
    fail_with(&problems);
}

#[test]
fn a_question_resting_on_an_undocumented_order_says_so() {
    let mut problems = Vec::new();
    for (_, _, quiz) in all_quizzes() {
        for q in quiz.questions.iter().filter(|q| q.undocumented_order) {
            if !q.prompt.prompt.contains(UNDOCUMENTED) {
                problems.push(format!(
                    "{}: marked undocumentedOrder, but its prompt does not say {UNDOCUMENTED:?}",
                    q.id
                ));
            }
        }
    }
    fail_with(&problems);
}

#[test]
fn every_question_has_a_unique_id_a_context_and_the_shape_mdbook_quiz_renders() {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (stem, _, quiz) in all_quizzes() {
        for q in &quiz.questions {
            if !q.id.starts_with(&format!("{stem}-")) {
                problems.push(format!("{}: the id should start with `{stem}-`", q.id));
            }
            if !seen.insert(q.id.clone()) {
                problems.push(format!("{}: the id is used twice", q.id));
            }
            if q.kind != "MultipleChoice" {
                problems.push(format!(
                    "{}: type is {:?}, not MultipleChoice",
                    q.id, q.kind
                ));
            }
            if q.context.as_deref().is_none_or(|c| c.trim().len() < 80) {
                problems.push(format!("{}: the context should explain the answer", q.id));
            }
            if q.prompt.distractors.len() < 2 {
                problems.push(format!("{}: fewer than two distractors", q.id));
            }
            let answer = q.answer.answer.trim();
            if q.prompt.distractors.iter().any(|d| d.trim() == answer) {
                problems.push(format!("{}: a distractor is the answer itself", q.id));
            }
            match q.expected() {
                Some(Ok(Expected::DoesNotCompile(None))) => {
                    problems.push(format!("{}: no compilerError = {{ code, line }}", q.id));
                }
                Some(Ok(Expected::DoesNotCompile(Some(e))))
                    if e.code.is_none() && e.message.is_none() =>
                {
                    problems.push(format!("{}: compilerError needs a code or a message", q.id));
                }
                // The quiz shows line numbers, and the context says where the error is.
                Some(Ok(Expected::DoesNotCompile(Some(e))))
                    if !q
                        .context
                        .as_deref()
                        .unwrap_or("")
                        .contains(&format!("line {}", e.line)) =>
                {
                    problems.push(format!("{}: the context should name line {}", q.id, e.line));
                }
                _ => {}
            }
        }
    }
    fail_with(&problems);
}

#[test]
fn every_program_that_compiles_prints_what_the_answer_says() {
    let binary = env!("CARGO_BIN_EXE_quizzes");
    let questions: Vec<_> = program_questions()
        .into_iter()
        .filter(|(_, _, expected)| !matches!(expected, Expected::DoesNotCompile(_)))
        .collect();
    assert!(!questions.is_empty(), "no program questions found");
    let problems: Vec<String> = on_threads(&questions, |(q, _, expected)| {
        // A program said to hang gets five seconds to prove it (they wait on a
        // channel or a paused clock with nothing to do, so they use no CPU meanwhile).
        let hangs = matches!(expected, Expected::Hangs(_));
        let limit = Duration::from_secs(if hangs { 5 } else { 30 });
        let run = run_with_limit(binary, &q.id, limit);
        let real = run.stdout.trim_end();
        let stated = match expected {
            Expected::Prints(text) | Expected::Hangs(text) => text.trim_end(),
            Expected::DoesNotCompile(_) => unreachable!("filtered out above"),
        };
        if hangs && !run.killed {
            return Some(format!(
                "{}: the quiz says it never ends, but it ended (success: {}) having printed\n{real}",
                q.id, run.success
            ));
        }
        if !hangs && (run.killed || !run.success) {
            return Some(format!(
                "{}: the program failed or hung (killed: {}).\nstderr:\n{}",
                q.id, run.killed, run.stderr
            ));
        }
        // A distractor that is exactly the real output would be a second right answer.
        for d in &q.prompt.distractors {
            if quizzes::quiz::fenced(d, "text").is_some_and(|text| text.trim_end() == real)
                && !hangs
            {
                return Some(format!("{}: a distractor is the real output:\n{real}", q.id));
            }
        }
        (stated != real).then(|| {
            format!("{}: the quiz says it prints\n{stated}\n---- but it prints\n{real}\n----", q.id)
        })
    })
    .into_iter()
    .flatten()
    .collect();
    fail_with(&problems);
}

struct Run {
    success: bool,
    killed: bool,
    stdout: String,
    stderr: String,
}

/// Runs one program of the quiz binary, killing it if it outlives `limit`.
fn run_with_limit(binary: &str, id: &str, limit: Duration) -> Run {
    let mut child = Command::new(binary)
        .arg(id)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the quiz binary starts");
    let started = Instant::now();
    let mut killed = false;
    while child
        .try_wait()
        .expect("waiting on a child works")
        .is_none()
    {
        if started.elapsed() > limit {
            child.kill().expect("a running child can be killed");
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    // Rust's stdout is line-buffered, so a killed program's finished lines are all here.
    let out = child.wait_with_output().expect("the output can be read");
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    Run {
        success: out.status.success(),
        killed,
        stdout: text(out.stdout),
        stderr: text(out.stderr),
    }
}

/// What `rustc` says about one program compiled on its own, as a learner would compile
/// it in a fresh crate with tokio, tokio-util and futures as dependencies.
struct Compiled {
    /// `(code, line of the primary span, message)` of each error.
    errors: Vec<(String, usize, String)>,
    rendered: String,
}

/// The dependencies' compiled metadata sits next to this test binary, in `deps/`.
fn deps_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    exe.parent()
        .expect("the test binary is in deps/")
        .to_path_buf()
}

/// The `.rmeta` files of one crate in `deps/`, newest first. Several builds of a crate
/// (with other features, from other cargo commands) may sit side by side.
fn candidates(deps: &Path, krate: &str) -> Vec<PathBuf> {
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(deps)
        .expect("deps/ can be listed")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with(&format!("lib{krate}-")) && name.ends_with(".rmeta")
        })
        .filter_map(|p| Some((p.metadata().ok()?.modified().ok()?, p)))
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    found.into_iter().map(|(_, p)| p).collect()
}

/// A program that uses every feature of tokio the quiz programs need: the first build
/// of tokio in `deps/` that compiles it is the one the checks use.
const TOKIO_PROBE: &str = r#"
use tokio::io::AsyncBufReadExt;

fn lines(input: &[u8]) -> tokio::io::Lines<&[u8]> {
    input.lines()
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let _ = tokio::runtime::Builder::new_multi_thread();
    let _ = tokio::sync::Notify::new();
    let _ = tokio::time::sleep(std::time::Duration::ZERO);
    let _ = lines(b"");
}
"#;

/// The same with tokio-util and futures: the first build of tokio-util that compiles
/// it beside that tokio (it must have been built against that very tokio).
const PROBE: &str = r#"
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let _ = tokio_util::task::TaskTracker::new();
    let _ = tokio_util::sync::CancellationToken::new();
    let _ = futures::future::join_all(Vec::<std::future::Ready<()>>::new());
}
"#;

/// The `--extern` arguments for the quiz programs, found once per test run. A warm
/// target folder holds many builds of tokio (each cargo command that selects other
/// packages may build it with other features), so every build is tried, newest first:
/// first tokio alone, then tokio-util beside the tokio found.
fn externs() -> &'static Result<Vec<String>, String> {
    static EXTERNS: std::sync::OnceLock<Result<Vec<String>, String>> = std::sync::OnceLock::new();
    EXTERNS.get_or_init(|| {
        let deps = deps_dir();
        let not_found = |last: &str| {
            format!(
                "no build of tokio, tokio-util and futures in {} has the features the quizzes \
                 use (build them with `cargo test -p quizzes`); last attempt:\n{last}",
                deps.display()
            )
        };
        let mut last = String::from("no libtokio-*.rmeta in deps/");
        let mut tokio = None;
        for candidate in candidates(&deps, "tokio") {
            let extern_tokio = format!("tokio={}", candidate.display());
            let probe = rustc_check(
                "probe-tokio",
                TOKIO_PROBE,
                std::slice::from_ref(&extern_tokio),
            )?;
            if probe.errors.is_empty() {
                tokio = Some(extern_tokio);
                break;
            }
            last = probe.rendered;
        }
        let Some(tokio) = tokio else {
            return Err(not_found(&last));
        };
        let Some(futures) = candidates(&deps, "futures").into_iter().next() else {
            return Err(not_found("no libfutures-*.rmeta in deps/"));
        };
        for util in candidates(&deps, "tokio_util") {
            let externs = vec![
                tokio.clone(),
                format!("tokio_util={}", util.display()),
                format!("futures={}", futures.display()),
            ];
            let probe = rustc_check("probe", PROBE, &externs)?;
            if probe.errors.is_empty() {
                return Ok(externs);
            }
            last = probe.rendered;
        }
        Err(not_found(&last))
    })
}

/// Compiles one program the way a learner would, in a crate of its own with tokio,
/// tokio-util and futures as dependencies (metadata only: type and borrow checks, no
/// code generation, which is all "does it compile?" needs).
fn compile_alone(id: &str, program: &str) -> Result<Compiled, String> {
    rustc_check(id, program, externs().as_ref().map_err(Clone::clone)?)
}

fn rustc_check(id: &str, program: &str, externs: &[String]) -> Result<Compiled, String> {
    let scratch = std::env::temp_dir().join(format!("quiz-{}-{id}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let source = scratch.join("main.rs");
    std::fs::write(&source, program).map_err(|e| e.to_string())?;
    let mut rustc = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()));
    rustc
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "bin",
            "--crate-name",
            "quiz",
        ])
        .args(["--emit", "metadata", "--error-format", "short", "--out-dir"])
        .arg(&scratch)
        .arg("-L")
        .arg(format!("dependency={}", deps_dir().display()));
    for extern_crate in externs {
        rustc.arg("--extern").arg(extern_crate);
    }
    let out = rustc.arg(&source).output();
    let _ = std::fs::remove_dir_all(&scratch);
    let out = out.map_err(|e| format!("{id}: cannot run rustc: {e}"))?;
    Ok(parse_diagnostics(&String::from_utf8_lossy(&out.stderr)))
}

/// Reads rustc's `--error-format short` output: one line per diagnostic,
/// `main.rs:9:5: error[E0277]: future cannot be sent between threads safely`.
fn parse_diagnostics(stderr: &str) -> Compiled {
    let mut errors = Vec::new();
    for line in stderr.lines() {
        let mut parts = line.splitn(4, ':');
        let (Some(_file), Some(number), Some(_column), Some(rest)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix("error") else {
            continue;
        };
        let (code, message) = match rest.strip_prefix('[') {
            Some(coded) => coded.split_once("]: ").unwrap_or((coded, "")),
            None => ("", rest.trim_start_matches(':').trim()),
        };
        let number = number.parse().unwrap_or(0);
        errors.push((code.to_string(), number, message.to_string()));
    }
    Compiled {
        errors,
        rendered: stderr.to_string(),
    }
}

#[test]
fn every_program_compiles_on_its_own_exactly_when_the_answer_says_so() {
    let questions = program_questions();
    let problems: Vec<String> = on_threads(&questions, |(q, program, expected)| {
        let compiled = match compile_alone(&q.id, program) {
            Ok(c) => c,
            Err(e) => return Some(e),
        };
        match expected {
            Expected::Prints(_) | Expected::Hangs(_) if !compiled.errors.is_empty() => {
                Some(format!(
                    "{}: the quiz says it compiles, but:\n{}",
                    q.id, compiled.rendered
                ))
            }
            Expected::Prints(_) | Expected::Hangs(_) => None,
            Expected::DoesNotCompile(claim) => {
                let CompilerError {
                    code,
                    message,
                    line,
                } = claim.clone()?;
                if compiled.errors.is_empty() {
                    return Some(format!(
                        "{}: the quiz says it does not compile, but it does",
                        q.id
                    ));
                }
                let hit = compiled.errors.iter().any(|(c, l, m)| {
                    *l == line
                        && code.as_ref().is_none_or(|code| code == c)
                        && message
                            .as_ref()
                            .is_none_or(|words| m.contains(words.as_str()))
                });
                (!hit).then(|| {
                    let seen: Vec<String> = compiled
                        .errors
                        .iter()
                        .map(|(c, l, m)| format!("{c} on line {l}: {m}"))
                        .collect();
                    format!(
                        "{}: the quiz says {} on line {line}; rustc says:\n  {}",
                        q.id,
                        code.or(message).unwrap_or_default(),
                        seen.join("\n  ")
                    )
                })
            }
        }
    })
    .into_iter()
    .flatten()
    .collect();
    fail_with(&problems);
}

#[test]
fn every_program_is_formatted_as_rustfmt_would() {
    let config = quizzes_dir().join("../rustfmt.toml");
    let problems: Vec<String> = on_threads(&program_questions(), |(q, program, _)| {
        let mut child = Command::new("rustfmt")
            .args(["--edition", "2024", "--emit", "stdout", "--config-path"])
            .arg(&config)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("rustfmt is installed with the toolchain");
        use std::io::Write as _;
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(program.as_bytes())
            .expect("rustfmt reads its stdin");
        let out = child.wait_with_output().expect("rustfmt runs");
        let formatted = String::from_utf8_lossy(&out.stdout);
        let too_long = program.lines().filter(|l| l.chars().count() > 80).count();
        if too_long > 0 {
            return Some(format!("{}: {too_long} line(s) over 80 characters", q.id));
        }
        (formatted.trim_end() != program.trim_end())
            .then(|| format!("{}: rustfmt would write the program as\n{formatted}", q.id))
    })
    .into_iter()
    .flatten()
    .collect();
    fail_with(&problems);
}

#[test]
fn every_chapter_has_a_quiz_page_that_renders_its_quiz_file() {
    let book = quizzes_dir().join("../book/src");
    let mut problems = Vec::new();
    for (stem, folder) in CHAPTERS {
        let page = book.join(folder).join("quiz.md");
        let want = format!("{{{{#quiz ../../../quizzes/{stem}.toml}}}}");
        match std::fs::read_to_string(&page) {
            Ok(text) if text.contains(&want) => {}
            Ok(_) => problems.push(format!("{}: does not contain {want}", page.display())),
            Err(e) => problems.push(format!("{}: {e}", page.display())),
        }
    }
    fail_with(&problems);
}
