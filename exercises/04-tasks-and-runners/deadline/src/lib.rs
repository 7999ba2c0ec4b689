//! Chapter 4, exercise: cancel a task at a deadline.
//!
//! Your code goes in `deadline.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check deadline`.
//! Hints, one at a time: `cargo course hint deadline`.

pub mod deadline;

#[cfg(test)]
mod tests;
