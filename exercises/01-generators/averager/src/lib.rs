//! Chapter 1, exercise: a generator you send values into.
//!
//! Your code goes in `averager.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check averager`.
//! Hints, one at a time: `cargo course hint averager`.

pub mod averager;

#[cfg(test)]
mod tests;
