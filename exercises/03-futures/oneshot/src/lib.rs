//! Chapter 3, exercise: a oneshot channel from another thread.
//!
//! Your code goes in `oneshot.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check oneshot`.
//! Hints, one at a time: `cargo course hint oneshot`.

pub mod given;
pub mod oneshot;

#[cfg(test)]
mod tests;
