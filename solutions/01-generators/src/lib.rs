//! Chapter 1 exercises, solved.
//!
//! The tests are not copied: the module below is the exercise crate's own test file,
//! so the exercises and their solutions can never be held to different standards.

pub mod fibonacci;
pub mod countdown;
pub mod averager;

#[cfg(test)]
#[path = "../../../exercises/01-generators/src/tests.rs"]
mod tests;
