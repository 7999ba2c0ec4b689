//! Chapter 6, exercise: lines with a limit.
//!
//! Your code goes in `line_limit.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check line_limit`. Hints: `cargo course hint line_limit`.

pub mod line_limit;

#[cfg(test)]
mod tests;
