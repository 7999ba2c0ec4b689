//! Making a plain type awaitable, and the bare `yield` of `types.coroutine`.
//!
//! The notes' `@types.coroutine` turns a plain generator function into something
//! `await` accepts. With asyncio, its bare `yield` hands control back to the event
//! loop for one turn, so other tasks run, and then the coroutine carries on; it is
//! how `asyncio.sleep(0)` is written.
//!
//! In Rust, anything that implements [`Future`] can be awaited. [`Nice`] is a plain
//! struct that does what that bare `yield` does: the first poll returns `Pending`
//! (stop here, let others run) and the second returns `Ready`. [`nice_poll_fn`] is
//! the same future written as a closure with [`std::future::poll_fn`], and
//! [`tokio::task::yield_now`] is the one to use in real code.
//!
//! One rule Python does not have: a future that returns `Pending` must make sure
//! it will be polled again, by waking the [`Waker`](std::task::Waker) in its
//! `Context` now or handing it to whatever will wake it later. asyncio's loop
//! reschedules a task after a bare `yield` by itself; a Rust runtime only polls a
//! task that has been woken.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use course_kit::Timeline;
use tokio::task::JoinError;

// ANCHOR: nice
/// `@types.coroutine def nice(): yield`, as a struct: the state is one flag.
#[derive(Debug, Default)]
pub struct Nice {
    yielded: bool,
}

pub fn nice() -> Nice {
    Nice::default()
}

impl Future for Nice {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        // "Poll me again": the task goes to the back of the runtime's queue, behind
        // the tasks that were waiting. Without this line nothing would ever wake
        // this task, and it would sleep forever.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: nice

// ANCHOR: poll_fn
/// The same future without a named type: the closure's captured `yielded` is the
/// struct's field.
pub fn nice_poll_fn() -> impl Future<Output = ()> {
    let mut yielded = false;
    std::future::poll_fn(move |cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}
// ANCHOR_END: poll_fn

/// How a [`worker`] hands control back between its steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// It does not: no `.await` between the steps.
    Never,
    Nice,
    PollFn,
    YieldNow,
}

// ANCHOR: worker
/// A task of `steps` steps that pauses after each one the way `pause` says.
pub async fn worker(timeline: Timeline, lane: &'static str, steps: u32, pause: Pause) {
    for step in 1..=steps {
        timeline.say(lane, format!("step {step}"));
        match pause {
            Pause::Never => {}
            Pause::Nice => nice().await,
            Pause::PollFn => nice_poll_fn().await,
            Pause::YieldNow => tokio::task::yield_now().await,
        }
    }
}
// ANCHOR_END: worker

// ANCHOR: two_workers
/// Two workers of three steps, each a task of its own, as `asyncio.gather` makes
/// them. A task that is woken goes to the back of the runtime's queue, so a worker
/// that pauses lets the other one take its next step.
pub async fn two_workers(timeline: Timeline, pause: Pause) -> Result<(), JoinError> {
    let a = tokio::spawn(worker(timeline.clone(), "a", 3, pause));
    let b = tokio::spawn(worker(timeline.clone(), "b", 3, pause));
    a.await?;
    b.await
}
// ANCHOR_END: two_workers

/// The order the steps ran in, as `a1 b1 a2 ...`.
pub fn order(timeline: &Timeline) -> String {
    timeline
        .events()
        .iter()
        .map(|event| format!("{}{}", event.lane, event.what.trim_start_matches("step ")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use course_kit::watchdog;

    fn order_with(pause: Pause) -> String {
        watchdog::paused(
            watchdog::LIMIT,
            "a pausing future that returns Pending without waking its waker is never polled again",
            move || async move {
                let timeline = Timeline::quiet();
                two_workers(timeline.clone(), pause).await.unwrap();
                order(&timeline)
            },
        )
    }

    #[test]
    fn without_an_await_between_steps_one_worker_runs_to_the_end_first() {
        assert_eq!(order_with(Pause::Never), "a1 a2 a3 b1 b2 b3");
    }

    #[test]
    fn nice_lets_the_other_worker_run_between_steps() {
        assert_eq!(order_with(Pause::Nice), "a1 b1 a2 b2 a3 b3");
    }

    #[test]
    fn poll_fn_makes_the_same_future_without_a_type() {
        assert_eq!(order_with(Pause::PollFn), "a1 b1 a2 b2 a3 b3");
    }

    #[test]
    fn yield_now_lets_the_other_worker_run_before_the_next_step() {
        // tokio's `yield_now` wakes the task only after the runtime has run out of
        // ready tasks and checked its timers and IO, and tokio does not promise an
        // exact order after that. What it does promise: the other task gets a turn.
        let order = order_with(Pause::YieldNow);
        assert!(
            order.starts_with("a1 b1"),
            "b takes its first step before a takes its second: {order}"
        );
    }

    #[test]
    fn nice_is_pending_once_then_ready() {
        let mut nice = nice();
        let mut cx = Context::from_waker(std::task::Waker::noop());
        assert_eq!(Pin::new(&mut nice).poll(&mut cx), Poll::Pending);
        assert_eq!(Pin::new(&mut nice).poll(&mut cx), Poll::Ready(()));
    }
}
