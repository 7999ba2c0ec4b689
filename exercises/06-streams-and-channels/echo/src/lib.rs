//! Chapter 6, exercise: echo.
//!
//! Your code goes in `echo.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check echo`. Hints: `cargo course hint echo`.

pub mod echo;
pub mod given;

#[cfg(test)]
mod tests;
