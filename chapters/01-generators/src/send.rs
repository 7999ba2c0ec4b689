//! `send`: resuming a generator with a value.
//!
//! In Python, `yield` is an expression: `value = yield total` hands `total` out and,
//! when the caller resumes with `gen.send(5)`, evaluates to `5`. The generator is a
//! coroutine: data flows both ways at every suspension point.
//!
//! ```python
//! def running_total():
//!     total = 0
//!     while True:
//!         value = yield total
//!         if value is None:
//!             return total
//!         total += value
//! ```
//!
//! Below is that generator as a hand-written state machine. `resume` takes what the
//! caller sends in and returns either what the body yields next or, once the body
//! returns, its return value: the same two outcomes as Rust's nightly `Coroutine`
//! trait (`CoroutineState::Yielded` / `Complete`) and as Python's `send` (a value, or
//! `StopIteration(value)`).

// ANCHOR: state
/// What one resume produced: a value handed out at a `yield`, or the body's return
/// value (Python's `StopIteration.value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeneratorState<Y, R> {
    Yielded(Y),
    Complete(R),
}
// ANCHOR_END: state

// ANCHOR: running_total
/// Where `running_total` is suspended, and its locals there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunningTotal {
    /// Not started: the first resume runs from the top to the first `yield`.
    NotStarted,
    /// Suspended at `value = yield total`, waiting for `value`.
    AtYield { total: i64 },
    /// Returned `total`; resuming again gives the same return value.
    Returned { total: i64 },
}

pub fn running_total() -> RunningTotal {
    RunningTotal::NotStarted
}

impl RunningTotal {
    /// `gen.send(sent)`. As in Python, the first resume has no `yield` to receive a
    /// value (Python insists it is `None`, via `next(gen)`); here it is ignored.
    pub fn resume(&mut self, sent: Option<i64>) -> GeneratorState<i64, i64> {
        match *self {
            RunningTotal::NotStarted => {
                let total = 0;
                *self = RunningTotal::AtYield { total };
                GeneratorState::Yielded(total)
            }
            RunningTotal::AtYield { total } => match sent {
                None => {
                    *self = RunningTotal::Returned { total };
                    GeneratorState::Complete(total)
                }
                Some(value) => {
                    let total = total + value;
                    *self = RunningTotal::AtYield { total };
                    GeneratorState::Yielded(total)
                }
            },
            RunningTotal::Returned { total } => GeneratorState::Complete(total),
        }
    }
}
// ANCHOR_END: running_total

#[cfg(test)]
mod tests {
    use super::*;
    use GeneratorState::{Complete, Yielded};

    #[test]
    fn the_first_resume_runs_to_the_first_yield() {
        let mut generator = running_total();
        assert_eq!(generator.resume(None), Yielded(0));
        assert_eq!(generator, RunningTotal::AtYield { total: 0 });
    }

    #[test]
    fn each_sent_value_is_what_the_yield_evaluates_to() {
        let mut generator = running_total();
        generator.resume(None);
        assert_eq!(generator.resume(Some(5)), Yielded(5));
        assert_eq!(generator.resume(Some(3)), Yielded(8));
        assert_eq!(generator.resume(Some(-10)), Yielded(-2));
    }

    #[test]
    fn sending_none_makes_the_body_return_its_total() {
        let mut generator = running_total();
        generator.resume(None);
        generator.resume(Some(4));
        assert_eq!(generator.resume(None), Complete(4));
        assert_eq!(
            generator.resume(Some(1)),
            Complete(4),
            "a returned generator stays returned"
        );
    }
}
