//! The small toolkit every chapter of the course shares.
//!
//! Four things recur in every chapter, and each is done one way here:
//!
//! - [`demo`]: a chapter binary runs its demos in order under headings, lists them
//!   with `--list`, or runs one by name, and ends quietly (status 141) when its
//!   output is a closed pipe;
//! - [`stamp`]: elapsed-time stamps (`[ 1.00s] hello`) and timelines that show what
//!   ran when, read from tokio's clock so that paused-clock tests see the same figures
//!   a real run prints;
//! - [`binary`]: running a chapter binary from its tests, and the checks every
//!   chapter binary must pass (closed pipes among them);
//! - [`watchdog`]: a time limit for exercise tests, so that a learner's mistake that
//!   hangs fails with a message that teaches instead of freezing `cargo test`.

pub mod binary;
pub mod demo;
pub mod stamp;
pub mod watchdog;

pub use demo::{Demo, DemoArgs};
pub use stamp::{Stopwatch, Timeline};
