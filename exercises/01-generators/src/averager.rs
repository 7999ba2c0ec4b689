//! Exercise 3 (harder): a generator you send values into.
//!
//! ```python
//! def averager():
//!     total, count, average = 0.0, 0, None
//!     while True:
//!         value = yield average
//!         if value is None:
//!             return (count, average)
//!         total += value
//!         count += 1
//!         average = total / count
//! ```
//!
//! `resume(sent)` is `gen.send(sent)`: the first resume runs to the first `yield`
//! (no average yet); each later `Some(value)` is what `yield` evaluates to, and
//! `None` makes the body return its [`Summary`]. The chapter's
//! [`RunningTotal`](ch01_generators::send::RunningTotal) is a worked example.

pub use ch01_generators::send::GeneratorState;

/// What the generator returns when it is sent `None`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: u32,
    pub average: Option<f64>,
}

// ANCHOR: exercise
#[derive(Debug, Clone, PartialEq)]
pub enum Averager {
    NotStarted,
    // TODO: the states the body can be suspended (or finished) in, with their locals.
}

pub fn averager() -> Averager {
    Averager::NotStarted
}

impl Averager {
    pub fn resume(&mut self, sent: Option<f64>) -> GeneratorState<Option<f64>, Summary> {
        // TODO: match on `self`; move to the next state and say what was yielded or
        // returned. A finished averager returns its summary again.
        let _ = sent;
        todo!("resume the averager")
    }
}
// ANCHOR_END: exercise
