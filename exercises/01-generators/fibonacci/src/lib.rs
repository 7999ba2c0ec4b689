//! Chapter 1, exercise: Fibonacci as an Iterator.
//!
//! Your code goes in `fibonacci.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check fibonacci`.
//! Hints, one at a time: `cargo course hint fibonacci`.

pub mod fibonacci;

#[cfg(test)]
mod tests;
