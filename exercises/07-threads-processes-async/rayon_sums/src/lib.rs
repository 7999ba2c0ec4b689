//! Chapter 7, exercise: rayon_sums.
//!
//! Your code goes in `rayon_sums.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check rayon_sums`. Hints: `cargo course hint rayon_sums`.

pub mod rayon_sums;

#[cfg(test)]
mod tests;
