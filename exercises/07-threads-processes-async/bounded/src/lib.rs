//! Chapter 7, exercise: a stream of downloads, at most N in flight.
//!
//! Your code goes in `bounded.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check bounded`. Hints: `cargo course hint bounded`.

pub mod bounded;

#[cfg(test)]
mod tests;
