//! Chapter 1 exercises: generators.
//!
//! Each module is one exercise, easiest first. Replace every `todo!()` (and follow the
//! `// TODO:` above it), then run `cargo test` in this folder. The book page of
//! chapter 1 has hints for each exercise, folded away until you want them.

pub mod fibonacci;
pub mod countdown;
pub mod averager;

#[cfg(test)]
mod tests;
