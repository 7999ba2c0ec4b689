//! Chapter 1: generators.
//!
//! Python's generators are functions that can stop half-way (`yield`) and be resumed
//! later (`next`, `send`). Rust's async is built on the same idea, so this chapter
//! builds generators four ways, in the order the book tells them:
//!
//! 1. [`multi_yield`]: a generator written by hand as an `Iterator` whose struct holds
//!    what Python keeps in the generator's frame, with `None` for `StopIteration`;
//! 2. [`infinite_sequence`]: an endless generator three ways (a struct,
//!    `iter::from_fn`, `iter::successors`), and why it is safe: iterators are lazy;
//! 3. [`send`]: resuming with a value, as `generator.send(x)` does, written as an
//!    explicit state machine;
//! 4. [`async_generator`]: a generator on stable Rust built from `async`/`await`,
//!    which shows that an `async fn` already is a resumable, stackless coroutine.

pub mod multi_yield;
pub mod infinite_sequence;
pub mod send;
pub mod async_generator;
