//! Chapter 8, exercise: first_answer.
//!
//! Your code goes in `first_answer.rs`: replace each `todo!()` (the `// TODO:` above
//! it says what to do), then run `cargo course check first_answer`. Hints:
//! `cargo course hint first_answer`.

pub mod first_answer;

#[cfg(test)]
mod tests;
