//! Chapter 9, exercise: event (asyncio.Event on Notify).
//!
//! Your code goes in `event.rs`: replace each `todo!()` (the `// TODO:` above it
//! says what to do), then run `cargo course check event`.
//! Hints: `cargo course hint event`.

pub mod event;
pub mod given;

#[cfg(test)]
mod tests;
