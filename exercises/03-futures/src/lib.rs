//! Chapter 3 exercises: futures.
//!
//! Each module is one exercise, easiest first. Replace every `todo!()` (and follow the
//! `// TODO:` above it), then run `cargo test` in this folder. The book page of
//! chapter 3 has hints for each exercise, folded away until you want them.

pub mod select_timeout;
pub mod gather_partial;
pub mod oneshot;

#[cfg(test)]
mod tests;
