//! Chapter 6 exercises, solved.
//!
//! The tests are not copied: the module below is the exercise crate's own test file,
//! so the exercises and their solutions can never be held to different standards.

pub mod echo;
pub mod pipeline;
pub mod reconnect;

#[cfg(test)]
#[path = "../../../exercises/06-streams-and-channels/src/tests.rs"]
mod tests;
