//! Chapter 5 exercises: the event loop.
//!
//! Each module is one exercise, easiest first. Replace every `todo!()` (and follow the
//! `// TODO:` above it), then run `cargo test` in this folder. The book page of
//! chapter 5 has hints for each exercise, folded away until you want them. The
//! exercises run on the chapter's own loop, `ch05_event_loop::EventLoop`.

pub mod counting_waker;
pub mod sleep;
pub mod join_handle;

#[cfg(test)]
mod tests;
