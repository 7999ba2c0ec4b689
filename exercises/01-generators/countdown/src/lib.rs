//! Chapter 1, exercise: a generator with a loop, as a state machine.
//!
//! Your code goes in `countdown.rs`: replace each `todo!()` (the `// TODO:` above it says
//! what to do), then run `cargo course check countdown`.
//! Hints, one at a time: `cargo course hint countdown`.

pub mod countdown;

#[cfg(test)]
mod tests;
