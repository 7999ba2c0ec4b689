//! WRONG: makes a new sleep on every poll, so each poll starts the countdown again.

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use course_kit::Timeline;
use tokio::time::{Sleep, sleep};

// ANCHOR: async_fn
/// The `async fn` to desugar. `greeting` is made between the two `.await`s and
/// used after the second, so it lives across it.
pub async fn two_steps(timeline: Timeline, name: &'static str) -> String {
    timeline.say(name, "step 1");
    sleep(Duration::from_secs(1)).await;
    let greeting = format!("hello, {name}");
    timeline.say(name, "step 2");
    sleep(Duration::from_secs(2)).await;
    timeline.say(name, "done");
    greeting
}
// ANCHOR_END: async_fn

pub enum TwoSteps {
    /// Called, never polled: only the arguments exist.
    Start {
        timeline: Timeline,
        name: &'static str,
    },
    /// Stopped at the first `.await`. `greeting` does not exist yet.
    FirstSleep {
        timeline: Timeline,
        name: &'static str,
        sleep: Pin<Box<Sleep>>,
    },
    /// Stopped at the second `.await`. `name` is no longer needed, but `greeting` is.
    SecondSleep {
        timeline: Timeline,
        name: &'static str,
        greeting: String,
        sleep: Pin<Box<Sleep>>,
    },
    /// Returned.
    Done,
}

/// Calling the "async fn": store the arguments, run nothing.
pub fn two_steps_by_hand(timeline: Timeline, name: &'static str) -> TwoSteps {
    TwoSteps::Start { timeline, name }
}

impl Future for TwoSteps {
    type Output = String;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        loop {
            // Take the state out, leaving `Done`; every path below either puts the
            // next state back or returns.
            match mem::replace(&mut *self, TwoSteps::Done) {
                TwoSteps::Start { timeline, name } => {
                    timeline.say(name, "step 1");
                    let sleep = Box::pin(tokio::time::sleep(Duration::from_secs(1)));
                    *self = TwoSteps::FirstSleep {
                        timeline,
                        name,
                        sleep,
                    };
                }
                TwoSteps::FirstSleep {
                    timeline,
                    name,
                    sleep: _,
                } => {
                    let mut sleep = Box::pin(tokio::time::sleep(Duration::from_secs(1)));
                    if sleep.as_mut().poll(cx).is_pending() {
                        *self = TwoSteps::FirstSleep {
                            timeline,
                            name,
                            sleep,
                        };
                        return Poll::Pending;
                    }
                    let greeting = format!("hello, {name}");
                    timeline.say(name, "step 2");
                    let sleep = Box::pin(tokio::time::sleep(Duration::from_secs(2)));
                    *self = TwoSteps::SecondSleep {
                        timeline,
                        name,
                        greeting,
                        sleep,
                    };
                }
                TwoSteps::SecondSleep {
                    timeline,
                    name,
                    greeting,
                    mut sleep,
                } => {
                    if sleep.as_mut().poll(cx).is_pending() {
                        *self = TwoSteps::SecondSleep {
                            timeline,
                            name,
                            greeting,
                            sleep,
                        };
                        return Poll::Pending;
                    }
                    timeline.say(name, "done");
                    return Poll::Ready(greeting);
                }
                TwoSteps::Done => panic!("`async fn` resumed after completion"),
            }
        }
    }
}
