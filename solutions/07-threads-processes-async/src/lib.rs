//! Chapter 7 exercises, solved.
//!
//! The tests are not copied: the module below is the exercise crate's own test file,
//! so the exercises and their solutions can never be held to different standards.

pub mod rayon_sums;
pub mod thread_pool;
pub mod bounded;

#[cfg(test)]
#[path = "../../../exercises/07-threads-processes-async/src/tests.rs"]
mod tests;
