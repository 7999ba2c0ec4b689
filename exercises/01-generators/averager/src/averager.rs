//! Exercise 5 (hard): a generator you send values into.
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
//! `None` makes the body return its [`Summary`]. The chapter's `RunningTotal`
//! (`chapters/01-generators/src/send.rs`) is a worked example with one local.
//!
//! The first resume only starts the body: there is no `value = yield` waiting yet, so
//! whatever it is sent is not a value (Python even refuses `send(5.0)` there). A
//! finished averager gives its summary again on every later resume (Python raises
//! `StopIteration` each time, but only the first one carries the return value).

/// What one resume gives back: a value the body yielded, or the value it returned.
/// (The name and shape of nightly Rust's `std::ops::CoroutineState`.)
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GeneratorState<Y, R> {
    /// Stopped at a `yield`, with the yielded value.
    Yielded(Y),
    /// Ran to its `return`, with the returned value.
    Complete(R),
}

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
