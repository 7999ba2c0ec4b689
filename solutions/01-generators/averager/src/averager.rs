//! Exercise 5, solved: a generator you send values into.

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

// ANCHOR: solution
#[derive(Debug, Clone, PartialEq)]
pub enum Averager {
    NotStarted,
    /// Stopped at `value = yield average`, with the locals alive there.
    AtYield {
        total: f64,
        count: u32,
        average: Option<f64>,
    },
    /// Returned; resuming again gives the same summary.
    Returned(Summary),
}

pub fn averager() -> Averager {
    Averager::NotStarted
}

impl Averager {
    pub fn resume(&mut self, sent: Option<f64>) -> GeneratorState<Option<f64>, Summary> {
        match (&*self, sent) {
            (Averager::NotStarted, _) => {
                *self = Averager::AtYield {
                    total: 0.0,
                    count: 0,
                    average: None,
                };
                GeneratorState::Yielded(None)
            }
            (&Averager::AtYield { count, average, .. }, None) => {
                let summary = Summary { count, average };
                *self = Averager::Returned(summary);
                GeneratorState::Complete(summary)
            }
            (&Averager::AtYield { total, count, .. }, Some(value)) => {
                let (total, count) = (total + value, count + 1);
                let average = Some(total / f64::from(count));
                *self = Averager::AtYield {
                    total,
                    count,
                    average,
                };
                GeneratorState::Yielded(average)
            }
            (&Averager::Returned(summary), _) => GeneratorState::Complete(summary),
        }
    }
}
// ANCHOR_END: solution
