//! Exercise 3 (medium): a generator with a loop inside, as an explicit state machine.
//!
//! ```python
//! def countdown(start):
//!     yield "ready"
//!     n = start
//!     while n > 0:
//!         yield str(n)
//!         n -= 1
//!     yield "liftoff!"
//! ```
//!
//! `list(countdown(3))` is `["ready", "3", "2", "1", "liftoff!"]`. Write the enum
//! the compiler would write for this body: one variant for each place the body can
//! be suspended, carrying the locals that are alive there.

// ANCHOR: exercise
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Countdown {
    /// Created, nothing run yet; `start` is the argument it was called with.
    NotStarted { start: u32 },
    // TODO: a variant for each `yield` the body can be stopped at, and one for
    // "the body has returned".
}

pub fn countdown(start: u32) -> Countdown {
    Countdown::NotStarted { start }
}

impl Iterator for Countdown {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        // TODO: run the body from where it stopped to its next `yield`: set `*self`
        // to where it stops now, and return what it yields (or `None` at the end).
        todo!("resume the countdown")
    }
}
// ANCHOR_END: exercise
