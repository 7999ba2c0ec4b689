//! WRONG: after "liftoff!" it goes back to the start, as if the generator were called again.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Countdown {
    NotStarted { start: u32 },
    AtReady { start: u32 },
    InLoop { n: u32, start: u32 },
    AtLiftoff { start: u32 },
}

pub fn countdown(start: u32) -> Countdown {
    Countdown::NotStarted { start }
}

impl Iterator for Countdown {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        fn loop_test(n: u32, start: u32) -> (Countdown, Option<String>) {
            if n > 0 {
                (Countdown::InLoop { n, start }, Some(n.to_string()))
            } else {
                (Countdown::AtLiftoff { start }, Some("liftoff!".to_string()))
            }
        }

        let (state, yielded) = match *self {
            Countdown::NotStarted { start } => {
                (Countdown::AtReady { start }, Some("ready".to_string()))
            }
            Countdown::AtReady { start } => loop_test(start, start),
            Countdown::InLoop { n, start } => loop_test(n - 1, start),
            // "Reset, ready for the next run."
            Countdown::AtLiftoff { start } => (Countdown::NotStarted { start }, None),
        };
        *self = state;
        yielded
    }
}
