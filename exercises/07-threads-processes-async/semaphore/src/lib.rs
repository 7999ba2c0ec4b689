//! Chapter 7, exercise: async with semaphore: at most N at once.
//!
//! Your code goes in `semaphore.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check semaphore`. Hints: `cargo course hint semaphore`.

pub mod semaphore;

#[cfg(test)]
mod tests;
