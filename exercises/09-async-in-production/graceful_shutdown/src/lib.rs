//! Chapter 9, exercise: graceful_shutdown (a graceful shutdown that loses no request).
//!
//! Your code goes in `graceful_shutdown.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check graceful_shutdown`.
//! Hints: `cargo course hint graceful_shutdown`.

pub mod graceful_shutdown;
pub mod given;

#[cfg(test)]
mod tests;
