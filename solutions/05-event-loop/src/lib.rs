//! Chapter 5 exercises, solved.
//!
//! The tests are not copied: the module below is the exercise crate's own test file,
//! so the exercises and their solutions can never be held to different standards.

pub mod counting_waker;
pub mod sleep;
pub mod join_handle;

#[cfg(test)]
#[path = "../../../exercises/05-event-loop/src/tests.rs"]
mod tests;
