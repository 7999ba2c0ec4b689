//! The quiz files, as the checker reads them.
//!
//! A quiz file is the TOML that mdbook-quiz renders (`quizzes/chNN.toml`). Every question
//! is a `MultipleChoice`; a *program question* is one whose prompt holds a ```` ```rust ````
//! block, and whose answer is either the program's exact output in a ```` ```text ````
//! block, or a sentence that starts with [`DOES_NOT_COMPILE`], or one that starts with
//! [`NEVER_ENDS`] followed by what it prints before it gets stuck. A program said not to
//! compile also carries a `compilerError = { code = "E0277", line = 9 }` key (ignored by
//! mdbook-quiz) naming the error the compiler must report, and where.
//!
//! Two more keys, also ignored by mdbook-quiz, describe a question for the checks:
//! `conceptual = true` for one whose wrong answers come from a wrong mental model, and
//! `undocumentedOrder = true` for one whose answer rests on an order tokio does not
//! document (its prompt must say so, with the words [`UNDOCUMENTED`]).
//!
//! Why not mdbook-quiz's own `Tracing` questions? Its 0.5.0 validator compiles every
//! `Tracing` program with a bare `rustc main.rs` (edition 2015, no crates) each time the
//! book is built, so a program with `async fn` or `tokio` could never pass it. Here the
//! programs are compiled once, as part of this crate, with the real dependencies.
//!
//! This file is shared by `build.rs` (which copies the programs into the binary) and by
//! the tests (which check the answers), so both read the quizzes the same way.

use serde::Deserialize;
use std::path::Path;

/// How an answer says "this program does not compile".
pub const DOES_NOT_COMPILE: &str = "It does not compile";

/// How an answer says "this program never finishes". Such an answer also holds a
/// ```` ```text ```` block: what the program prints before it gets stuck.
pub const NEVER_ENDS: &str = "It never ends";

/// What the prompt of a question marked `undocumentedOrder` says, in these words.
pub const UNDOCUMENTED: &str = "tokio does not document";

/// The chapters whose quiz must have at least [`MIN_QUESTIONS`] questions, a third
/// of them conceptual.
pub const FULL_QUIZZES: &[&str] = &[
    "ch01", "ch02", "ch03", "ch04", "ch05", "ch06", "ch07", "ch08", "ch09",
];

/// The fewest questions a chapter of [`FULL_QUIZZES`] may have.
pub const MIN_QUESTIONS: usize = 10;

/// The chapters that have a quiz: the quiz file's stem and the book folder of its page.
pub const CHAPTERS: &[(&str, &str)] = &[
    ("ch01", "01-generators"),
    ("ch02", "02-coroutines"),
    ("ch03", "03-futures"),
    ("ch04", "04-tasks-and-runners"),
    ("ch05", "05-event-loop"),
    ("ch06", "06-streams-and-channels"),
    ("ch07", "07-threads-processes-async"),
    ("ch08", "08-pin-send-cancellation"),
    ("ch09", "09-async-in-production"),
];

/// One quiz file.
#[derive(Debug, Deserialize)]
pub struct Quiz {
    pub questions: Vec<Question>,
}

/// One question, with the fields the checker needs (mdbook-quiz reads the rest).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// Required here (mdbook-quiz would otherwise write a random one into the file
    /// during every book build).
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub prompt: Prompt,
    pub answer: Answer,
    pub context: Option<String>,
    pub compiler_error: Option<CompilerError>,
    /// `conceptual = true` (ignored by mdbook-quiz): a question whose wrong answers are
    /// what a wrong mental model predicts (a Python habit, "join! runs in parallel"),
    /// rather than misreadings of the program. At least a third of each chapter's.
    #[serde(default)]
    pub conceptual: bool,
    /// `undocumentedOrder = true` (ignored by mdbook-quiz): the answer rests on an
    /// order that tokio does today but does not document (the current-thread
    /// scheduler's run queue, say). The prompt must tell the reader so.
    #[serde(default)]
    pub undocumented_order: bool,
}

#[derive(Debug, Deserialize)]
pub struct Prompt {
    pub prompt: String,
    #[serde(default)]
    pub distractors: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Answer {
    pub answer: String,
}

/// The error a program that does not compile must get from the compiler: its code, or
/// (for the errors that have none, like "future cannot be sent between threads safely")
/// a part of its message, and the line the compiler points at.
#[derive(Debug, Deserialize, Clone, PartialEq, Eq)]
pub struct CompilerError {
    /// The error code, `E0277`.
    pub code: Option<String>,
    /// Words the error message contains.
    pub message: Option<String>,
    /// The line of the program (1-based) where the compiler puts the error.
    pub line: usize,
}

/// What a program question says about its program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// It compiles, runs, exits with success and prints exactly this.
    Prints(String),
    /// It does not compile, with this error.
    DoesNotCompile(Option<CompilerError>),
    /// It prints exactly this, then waits for ever (a classic async bug).
    Hangs(String),
}

impl Quiz {
    /// Reads and parses one quiz file.
    pub fn load(path: &Path) -> Result<Quiz, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{} is not a valid quiz: {e}", path.display()))
    }
}

impl Question {
    /// The program of a program question: the first ```` ```rust ```` block of the prompt.
    pub fn program(&self) -> Option<String> {
        fenced(&self.prompt.prompt, "rust")
    }

    /// What the answer claims about the program, if this is a program question.
    pub fn expected(&self) -> Option<Result<Expected, String>> {
        self.program()?;
        let answer = self.answer.answer.trim();
        Some(if answer.starts_with(DOES_NOT_COMPILE) {
            Ok(Expected::DoesNotCompile(self.compiler_error.clone()))
        } else if let Some(output) = fenced(answer, "text") {
            if answer.starts_with(NEVER_ENDS) {
                Ok(Expected::Hangs(output))
            } else {
                Ok(Expected::Prints(output))
            }
        } else {
            Err(format!(
                "{}: the answer of a program question is a ```text block or starts with \
                 {DOES_NOT_COMPILE:?}",
                self.id
            ))
        })
    }

    /// The Rust module that holds this question's program in the quiz binary.
    pub fn module_name(&self) -> String {
        self.id.replace('-', "_")
    }
}

/// The body of the first fenced block in `markdown` whose info string is `lang`.
pub fn fenced(markdown: &str, lang: &str) -> Option<String> {
    let mut lines = markdown.lines();
    lines
        .by_ref()
        .find(|line| line.trim() == format!("```{lang}"))?;
    let mut body = String::new();
    for line in lines {
        if line.trim() == "```" {
            return Some(body);
        }
        body.push_str(line);
        body.push('\n');
    }
    None
}
