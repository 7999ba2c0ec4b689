//! Chapter 6 exercises: streams and channels.
//!
//! Each module is one exercise, easiest first. Replace every `todo!()` (and follow
//! the `// TODO:` above it), then run `cargo test` in this folder. The book page of
//! chapter 6 has hints for each exercise, folded away until you want them.

pub mod echo;
pub mod pipeline;
pub mod reconnect;

#[cfg(test)]
mod tests;
