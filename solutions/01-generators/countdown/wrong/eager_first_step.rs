//! WRONG: `countdown()` already runs to the first `yield`, so calling it is not lazy.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Countdown {
    NotStarted { start: u32 },
    AtReady { start: u32, said: bool },
    InLoop { n: u32 },
    AtLiftoff,
    Finished,
}

pub fn countdown(start: u32) -> Countdown {
    // "Get ready" straight away: the first value is computed at the call.
    Countdown::AtReady { start, said: false }
}

impl Iterator for Countdown {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        fn loop_test(n: u32) -> (Countdown, Option<String>) {
            if n > 0 {
                (Countdown::InLoop { n }, Some(n.to_string()))
            } else {
                (Countdown::AtLiftoff, Some("liftoff!".to_string()))
            }
        }

        let (state, yielded) = match *self {
            Countdown::NotStarted { start } | Countdown::AtReady { start, said: false } => (
                Countdown::AtReady { start, said: true },
                Some("ready".to_string()),
            ),
            Countdown::AtReady { start, said: true } => loop_test(start),
            Countdown::InLoop { n } => loop_test(n - 1),
            Countdown::AtLiftoff | Countdown::Finished => (Countdown::Finished, None),
        };
        *self = state;
        yielded
    }
}
