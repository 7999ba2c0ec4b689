//! The book's quizzes, with every stated answer proven.
//!
//! Each chapter of the book ends with a quiz (`book/src/NN-x/quiz.md`), rendered by
//! mdbook-quiz from a file in this folder (`chNN.toml`). Most questions show a short
//! program and ask whether it compiles and, if it does, what it prints. Those answers
//! are not trusted: `cargo test -p quizzes` compiles every program and runs it, and fails
//! when an answer is wrong:
//!
//! - a program that compiles is built into this crate's binary (by `build.rs`) and run
//!   in a process of its own; its output must be the answer's ```` ```text ```` block
//!   exactly, and no distractor may be that output too;
//! - a program said to hang must still be running after a few seconds, having printed
//!   what the answer says;
//! - a program said not to compile is compiled on its own with `rustc`, against the same
//!   tokio, tokio-util and futures, and must fail with the error and line the question's
//!   `compilerError` names;
//! - every program is rustfmt-clean, with lines of at most 80 characters, so it reads well
//!   in the quiz box.
//!
//! Programs whose output depends on time run on tokio's paused clock, and programs whose
//! order depends on scheduling run on one thread (`current_thread`), so the answer is the
//! same on any machine.
//!
//! To add a question, copy one of the same kind in `chNN.toml`, give it a new `id`
//! (`chNN-what-it-shows`; mdbook-quiz would otherwise write a random one into the file),
//! and run `cargo test -p quizzes`: a wrong answer fails with the real output beside it.
//! Run one program yourself with `cargo run -p quizzes -- <question id>`
//! (`cargo run -p quizzes -- --list` for the ids).

pub mod quiz;
