//! Chapter 5, exercise 1 of 7: block_on: a future, a thread and a waker.
//!
//! Your code goes in `block_on.rs`: write `block_on` with a waker that unparks the thread.
//! Replace each `todo!()` (the `// TODO:` above it says what to do), then run
//! `cargo course check block_on`. Hints: `cargo course hint block_on`.

pub mod block_on;

#[cfg(test)]
mod tests;
