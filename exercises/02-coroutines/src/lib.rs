//! Chapter 2 exercises: coroutines.
//!
//! Each module is one exercise, easiest first. Replace every `todo!()` (and follow the
//! `// TODO:` above it), then run `cargo test` in this folder. The book page of
//! chapter 2 has hints for each exercise, folded away until you want them.

pub mod breakfast;
pub mod yield_times;
pub mod two_steps;
pub mod join;

#[cfg(test)]
mod tests;
