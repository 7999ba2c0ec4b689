//! Chapter 8, exercise: pinned_timeout.
//!
//! Your code goes in `pinned_timeout.rs`: replace each `todo!()` (the `// TODO:` above
//! it says what to do), then run `cargo course check pinned_timeout`. Hints:
//! `cargo course hint pinned_timeout`.

pub mod pinned_timeout;

#[cfg(test)]
mod tests;
