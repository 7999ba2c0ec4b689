//! Chapter 4 exercises: tasks and runners.
//!
//! Each module is one exercise, easiest first. Replace every `todo!()` (and follow the
//! `// TODO:` above it), then run `cargo test` in this folder. The book page of
//! chapter 4 has hints for each exercise, folded away until you want them.

pub mod off_the_runtime;
pub mod deadline;
pub mod fan_out;

#[cfg(test)]
mod tests;
