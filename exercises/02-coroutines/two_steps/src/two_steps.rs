//! Exercise 4 (medium): an `async fn` with two `.await`s, desugared by hand.
//!
//! [`two_steps`] below is the `async fn`. Write [`TwoSteps`], the enum the compiler
//! makes of it: one variant for each place the body can be stopped, holding what is
//! still needed after that point, and a `poll` that runs the body from where it
//! stopped to its next `.await` that is not ready. Driven by the same runtime, it
//! must say the same things at the same times and return the same `String`. The
//! chapter's `chapters/02-coroutines/src/state_machine.rs` does this for
//! `say_after` and `sequential`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use course_kit::Timeline;
use tokio::time::sleep;

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

// ANCHOR: exercise
pub enum TwoSteps {
    /// Called, never polled: only the arguments exist.
    Start {
        timeline: Timeline,
        name: &'static str,
    },
    // TODO: a variant for each `.await` the body can be stopped at, holding what is
    // still needed after it (keep a sleep as `Pin<Box<tokio::time::Sleep>>`), and
    // one for "returned".
}

/// Calling the "async fn": store the arguments, run nothing.
pub fn two_steps_by_hand(timeline: Timeline, name: &'static str) -> TwoSteps {
    TwoSteps::Start { timeline, name }
}

impl Future for TwoSteps {
    type Output = String;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        // TODO: run the body from the state it is stopped in: move to the next
        // state, and return `Pending` at an `.await` whose future is not ready, or
        // `Ready(greeting)` at the end.
        let _ = cx;
        todo!("resume the state machine")
    }
}
// ANCHOR_END: exercise
