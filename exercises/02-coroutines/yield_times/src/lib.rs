//! Chapter 2, exercise: a plain struct made awaitable.
//!
//! Your code goes in `yield_times.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check yield_times`.
//! Hints, one at a time: `cargo course hint yield_times`.

pub mod yield_times;

#[cfg(test)]
mod tests;
