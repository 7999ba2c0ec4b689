//! Chapter 1, exercise: number the lines, lazily.
//!
//! Your code goes in `numbered.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check numbered`.
//! Hints, one at a time: `cargo course hint numbered`.

pub mod numbered;

#[cfg(test)]
mod tests;
