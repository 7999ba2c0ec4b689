//! Chapter 8, exercise: frame_reader.
//!
//! Your code goes in `frame_reader.rs`: replace the `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check frame_reader`. Hints:
//! `cargo course hint frame_reader`.

pub mod frame_reader;

#[cfg(test)]
mod tests;
