//! Chapter 4 exercises, solved.
//!
//! The tests are not copied: the module below is the exercise crate's own test file,
//! so the exercises and their solutions can never be held to different standards.

pub mod off_the_runtime;
pub mod deadline;
pub mod fan_out;

#[cfg(test)]
#[path = "../../../exercises/04-tasks-and-runners/src/tests.rs"]
mod tests;
