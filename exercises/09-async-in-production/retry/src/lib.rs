//! Chapter 9, exercise: retry (retry with backoff).
//!
//! Your code goes in `retry.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check retry`.
//! Hints: `cargo course hint retry`.

pub mod retry;

#[cfg(test)]
mod tests;
