//! Chapter 6, exercise: reconnect.
//!
//! Your code goes in `reconnect.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check reconnect`. Hints: `cargo course hint reconnect`.

pub mod reconnect;

#[cfg(test)]
mod tests;
