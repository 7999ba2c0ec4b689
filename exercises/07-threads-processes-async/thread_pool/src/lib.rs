//! Chapter 7, exercise: a pool of threads, each with its own client.
//!
//! Your code goes in `thread_pool.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check thread_pool`. Hints: `cargo course hint thread_pool`.

pub mod thread_pool;

#[cfg(test)]
mod tests;
