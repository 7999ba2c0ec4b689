//! Chapter 4, exercise: fan out with at most K at a time.
//!
//! Your code goes in `fan_out.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check fan_out`.
//! Hints, one at a time: `cargo course hint fan_out`. `example.rs` shows the one
//! construct the exercise needs that the chapter has not shown, on its own.

pub mod fan_out;
pub mod example;

#[cfg(test)]
mod tests;
