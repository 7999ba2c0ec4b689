//! WRONG: the loop's test is checked after the decrement, so it yields "0" too.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Countdown {
    NotStarted { start: u32 },
    InLoop { n: u32 },
    AtLiftoff,
    Finished,
}

pub fn countdown(start: u32) -> Countdown {
    Countdown::NotStarted { start }
}

impl Iterator for Countdown {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let (state, yielded) = match *self {
            Countdown::NotStarted { start } => (
                Countdown::InLoop {
                    n: start.saturating_add(1),
                },
                Some("ready".to_string()),
            ),
            Countdown::InLoop { n } if n > 0 => {
                (Countdown::InLoop { n: n - 1 }, Some((n - 1).to_string()))
            }
            Countdown::InLoop { .. } => (Countdown::AtLiftoff, Some("liftoff!".to_string())),
            Countdown::AtLiftoff | Countdown::Finished => (Countdown::Finished, None),
        };
        *self = state;
        yielded
    }
}
