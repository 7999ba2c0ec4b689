//! Chapter 2 exercises, solved.
//!
//! The tests are not copied: the module below is the exercise crate's own test file,
//! so the exercises and their solutions can never be held to different standards.

pub mod breakfast;
pub mod yield_times;
pub mod two_steps;
pub mod join;

#[cfg(test)]
#[path = "../../../exercises/02-coroutines/src/tests.rs"]
mod tests;
