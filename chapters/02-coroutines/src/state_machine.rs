//! An `async fn` desugared by hand: the enum the compiler writes for you.
//!
//! Chapter 1 wrote generators as enums: one variant per place the body can stop,
//! holding the locals alive there, and a method that runs the body to its next stop.
//! The compiler does exactly that for every `async fn`. Calling it stores the
//! arguments in the first variant and runs nothing (that is the laziness of the
//! previous section); each `poll` runs the body from where it stopped to the next
//! `.await` that is not ready yet, and returns `Poll::Pending`; the last one returns
//! `Poll::Ready(output)`.
//!
//! Here are [`say_after`](crate::say_after::say_after) (one `.await`) and
//! [`sequential`](crate::say_after::sequential) (two) written out by hand. Python's
//! coroutines are the same kind of object: `coro.send(None)` is a `poll`, and
//! `StopIteration(value)` is `Poll::Ready(value)`.

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use course_kit::Timeline;
use tokio::time::Sleep;

// ANCHOR: say_after
/// `say_after` as a state machine: where its body is stopped, and what it holds.
pub enum SayAfter {
    /// Called, never polled: only the arguments exist.
    Start {
        timeline: Timeline,
        delay: Duration,
        what: &'static str,
    },
    /// Stopped at `sleep(delay).await`, holding the sleep and what is still needed
    /// after it (`delay` is not: it is not used again).
    Sleeping {
        timeline: Timeline,
        what: &'static str,
        // The compiler keeps the `Sleep` inline and pins the whole machine. Boxing
        // it pins it on the heap instead, which keeps this code free of `unsafe`.
        sleep: Pin<Box<Sleep>>,
    },
    /// Returned.
    Done,
}

/// Calling the "async fn": store the arguments, run nothing.
pub fn say_after(timeline: Timeline, delay: Duration, what: &'static str) -> SayAfter {
    SayAfter::Start {
        timeline,
        delay,
        what,
    }
}

impl Future for SayAfter {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Each turn of the loop runs the body from one stop to the next. We take the
        // state out (leaving `Done`), and put back the one we stop in.
        loop {
            match mem::replace(&mut *self, SayAfter::Done) {
                SayAfter::Start {
                    timeline,
                    delay,
                    what,
                } => {
                    timeline.say(what, format!("sleeping {delay:?}"));
                    let sleep = Box::pin(tokio::time::sleep(delay));
                    *self = SayAfter::Sleeping {
                        timeline,
                        what,
                        sleep,
                    };
                }
                SayAfter::Sleeping {
                    timeline,
                    what,
                    mut sleep,
                } => {
                    // This is all `.await` is: poll the inner future, and if it is
                    // not ready, neither are we. The sleep has registered our waker
                    // with the timer, so the runtime will poll us again in time.
                    if sleep.as_mut().poll(cx).is_pending() {
                        *self = SayAfter::Sleeping {
                            timeline,
                            what,
                            sleep,
                        };
                        return Poll::Pending;
                    }
                    timeline.say(what, what);
                    return Poll::Ready(());
                }
                SayAfter::Done => panic!("`async fn` resumed after completion"),
            }
        }
    }
}
// ANCHOR_END: say_after

// ANCHOR: sequential
/// `sequential` as a state machine: two `.await`s, so two places to stop.
pub enum Sequential {
    Start {
        timeline: Timeline,
    },
    /// Stopped at `say_after(.., "hello").await`.
    AwaitingHello {
        timeline: Timeline,
        hello: SayAfter,
    },
    /// Stopped at `say_after(.., "world").await`.
    AwaitingWorld {
        timeline: Timeline,
        world: SayAfter,
    },
    Done,
}

pub fn sequential(timeline: Timeline) -> Sequential {
    Sequential::Start { timeline }
}

impl Future for Sequential {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        loop {
            match mem::replace(&mut *self, Sequential::Done) {
                Sequential::Start { timeline } => {
                    timeline.say("main", "started");
                    let hello = say_after(timeline.clone(), Duration::from_secs(1), "hello");
                    *self = Sequential::AwaitingHello { timeline, hello };
                }
                Sequential::AwaitingHello {
                    timeline,
                    mut hello,
                } => {
                    if Pin::new(&mut hello).poll(cx).is_pending() {
                        *self = Sequential::AwaitingHello { timeline, hello };
                        return Poll::Pending;
                    }
                    // `hello` is finished and dropped here; only now is `world`
                    // created, which is why its sleep starts at 1 s.
                    let world = say_after(timeline.clone(), Duration::from_secs(2), "world");
                    *self = Sequential::AwaitingWorld { timeline, world };
                }
                Sequential::AwaitingWorld {
                    timeline,
                    mut world,
                } => {
                    if Pin::new(&mut world).poll(cx).is_pending() {
                        *self = Sequential::AwaitingWorld { timeline, world };
                        return Poll::Pending;
                    }
                    timeline.say("main", "finished");
                    return Poll::Ready(());
                }
                Sequential::Done => panic!("`async fn` resumed after completion"),
            }
        }
    }
}
// ANCHOR_END: sequential

impl Sequential {
    /// Where the body is stopped, for the demo to print.
    pub fn stage(&self) -> &'static str {
        match self {
            Sequential::Start { .. } => "Start",
            Sequential::AwaitingHello { .. } => "AwaitingHello",
            Sequential::AwaitingWorld { .. } => "AwaitingWorld",
            Sequential::Done => "Done",
        }
    }
}

// ANCHOR: poll_once
/// Poll `machine` once by hand, as a runtime would, and say where it stopped.
/// `Waker::noop()` is enough here: the runtime polls it again from `.await` later.
pub fn poll_once(machine: &mut Sequential) -> Poll<()> {
    let mut cx = Context::from_waker(std::task::Waker::noop());
    Pin::new(machine).poll(&mut cx)
}
// ANCHOR_END: poll_once

#[cfg(test)]
mod tests {
    use super::*;
    use course_kit::stamp::Event;
    use std::hint::black_box;
    use tokio::task::yield_now;

    // How big is a future? The sizes below are rustc 1.95's; the assertions hold
    // the claims, not the exact bytes.

    /// Two 1 KiB buffers, each alive across one `.await` only, never together.
    async fn one_buffer_at_each_await() {
        {
            let a = [1u8; 1024];
            yield_now().await;
            black_box(&a);
        }
        {
            let b = [2u8; 1024];
            yield_now().await;
            black_box(&b);
        }
    }

    /// The same two buffers, both alive across the same `.await`.
    async fn both_buffers_at_one_await() {
        let a = [1u8; 1024];
        let b = [2u8; 1024];
        yield_now().await;
        black_box(&a);
        black_box(&b);
    }

    /// One buffer, taken as an argument and alive across one `.await`.
    async fn a_buffer_argument(buffer: [u8; 1024]) {
        yield_now().await;
        black_box(&buffer);
    }

    #[test]
    fn locals_never_alive_at_the_same_await_share_their_bytes() {
        let size = mem::size_of_val(&one_buffer_at_each_await());
        assert!(size < 2 * 1024, "{size} bytes: the two states overlap");
        let size = mem::size_of_val(&both_buffers_at_one_await());
        assert!(size >= 2 * 1024, "{size} bytes: both are kept at once");
    }

    #[test]
    fn an_async_fn_keeps_a_big_argument_twice() {
        // The largest state holds one 1 KiB buffer, yet the future holds two: the
        // argument as it was passed (the state before the first poll) and the local
        // it becomes, which rustc does not overlap (rust-lang/rust#62958).
        let size = mem::size_of_val(&a_buffer_argument([0; 1024]));
        assert!(size >= 2 * 1024, "{size} bytes");
    }

    async fn events_of<F: Future<Output = ()>>(run: impl FnOnce(Timeline) -> F) -> Vec<Event> {
        let timeline = Timeline::quiet();
        run(timeline.clone()).await;
        timeline.events()
    }

    #[tokio::test(start_paused = true)]
    async fn the_hand_written_machine_says_what_the_async_fn_says_when_it_does() {
        let by_compiler = events_of(crate::say_after::sequential).await;
        let by_hand = events_of(sequential).await;
        assert_eq!(by_hand, by_compiler, "same lanes, same words, same times");
        assert_eq!(by_hand.len(), 6);
        assert_eq!(by_hand[5].at, Duration::from_secs(3));
    }

    #[tokio::test(start_paused = true)]
    async fn the_hand_written_say_after_matches_the_async_one() {
        let hello = |t| crate::say_after::say_after(t, Duration::from_secs(1), "hello");
        let by_compiler = events_of(hello).await;
        let by_hand = events_of(|t| say_after(t, Duration::from_secs(1), "hello")).await;
        assert_eq!(by_hand, by_compiler);
    }

    #[tokio::test(start_paused = true)]
    async fn calling_it_runs_nothing_and_each_poll_stops_at_the_next_await() {
        let timeline = Timeline::quiet();
        let mut machine = sequential(timeline.clone());
        assert_eq!(machine.stage(), "Start");
        assert!(timeline.events().is_empty(), "calling ran no line");

        assert_eq!(poll_once(&mut machine), Poll::Pending);
        assert_eq!(machine.stage(), "AwaitingHello");
        assert_eq!(
            timeline.events().len(),
            2,
            "`started` and hello's `sleeping 1s`"
        );

        (&mut machine).await;
        assert_eq!(machine.stage(), "Done");
        assert_eq!(
            timeline.when("main", "finished"),
            Some(Duration::from_secs(3))
        );
    }
}
