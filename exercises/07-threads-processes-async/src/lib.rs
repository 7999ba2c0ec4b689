//! Chapter 7 exercises: threads, async and rayon.
//!
//! Each module is one exercise, easiest first. Replace every `todo!()` (and follow the
//! `// TODO:` above it), then run `cargo test` in this folder. The book page of
//! chapter 7 has hints for each exercise, folded away until you want them.
//!
//! The download exercises talk to the chapter's own HTTP server on 127.0.0.1, which
//! the tests start with a small latency; nothing here needs the internet.

pub mod rayon_sums;
pub mod thread_pool;
pub mod bounded;

#[cfg(test)]
mod tests;
