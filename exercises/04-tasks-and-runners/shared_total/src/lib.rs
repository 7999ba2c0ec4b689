//! Chapter 4, exercise: many tasks, one total.
//!
//! Your code goes in `shared_total.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check shared_total`.
//! Hints, one at a time: `cargo course hint shared_total`.

pub mod shared_total;

#[cfg(test)]
mod tests;
