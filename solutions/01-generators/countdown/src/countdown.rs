//! Exercise 3, solved: `countdown` as the state machine the compiler would write.

// ANCHOR: solution
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Countdown {
    /// Created, nothing run yet; `start` is the argument it was called with.
    NotStarted { start: u32 },
    /// Stopped at `yield "ready"`; `n` is not assigned yet, so only `start` is alive.
    AtReady { start: u32 },
    /// Stopped at `yield str(n)` inside the loop.
    InLoop { n: u32 },
    /// Stopped at `yield "liftoff!"`.
    AtLiftoff,
    /// The body has returned.
    Finished,
}

pub fn countdown(start: u32) -> Countdown {
    Countdown::NotStarted { start }
}

impl Iterator for Countdown {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        // Where the body goes from the loop's test `while n > 0`, with `n` set.
        fn loop_test(n: u32) -> (Countdown, Option<String>) {
            if n > 0 {
                (Countdown::InLoop { n }, Some(n.to_string()))
            } else {
                (Countdown::AtLiftoff, Some("liftoff!".to_string()))
            }
        }

        let (state, yielded) = match *self {
            Countdown::NotStarted { start } => {
                (Countdown::AtReady { start }, Some("ready".to_string()))
            }
            Countdown::AtReady { start } => loop_test(start),
            Countdown::InLoop { n } => loop_test(n - 1),
            Countdown::AtLiftoff | Countdown::Finished => (Countdown::Finished, None),
        };
        *self = state;
        yielded
    }
}
// ANCHOR_END: solution
