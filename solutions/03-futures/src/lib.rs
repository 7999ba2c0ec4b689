//! Chapter 3 exercises, solved.
//!
//! The tests are not copied: the module below is the exercise crate's own test file,
//! so the exercises and their solutions can never be held to different standards.

pub mod select_timeout;
pub mod gather_partial;
pub mod oneshot;

#[cfg(test)]
#[path = "../../../exercises/03-futures/src/tests.rs"]
mod tests;
