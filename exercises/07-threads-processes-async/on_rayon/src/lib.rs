//! Chapter 7, exercise: await a CPU job on rayon without blocking the runtime.
//!
//! Your code goes in `on_rayon.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check on_rayon`. Hints: `cargo course hint on_rayon`.

pub mod on_rayon;

#[cfg(test)]
mod tests;
