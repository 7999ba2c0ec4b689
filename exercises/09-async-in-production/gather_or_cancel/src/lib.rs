//! Chapter 9, exercise: gather_or_cancel (a TaskGroup for a list of jobs).
//!
//! Your code goes in `gather_or_cancel.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check gather_or_cancel`.
//! Hints: `cargo course hint gather_or_cancel`.

pub mod gather_or_cancel;

#[cfg(test)]
mod tests;
