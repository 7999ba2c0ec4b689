//! The tests of the chapter 2 exercises. The solutions crate runs this same file, so
//! what passes there is exactly what you are asked for here.
//!
//! Every test runs on tokio's paused clock inside a watchdog: the sleeps take no real
//! time, and a future that is never woken fails the test with an explanation
//! instead of hanging `cargo test`.

use std::future::Future;
use std::time::Duration;

use course_kit::{Timeline, watchdog};

fn secs(n: u64) -> Option<Duration> {
    Some(Duration::from_secs(n))
}

/// Run `make()` on a paused-clock runtime under the watchdog.
fn paused<T, F, Fut>(why: &str, make: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = T>,
{
    watchdog::paused(watchdog::LIMIT, why, make)
}

mod breakfast {
    use super::*;
    use crate::breakfast::breakfast;

    fn made() -> Timeline {
        paused("breakfast never finished.", || async {
            let timeline = Timeline::quiet();
            breakfast(&timeline).await;
            timeline
        })
    }

    #[test]
    fn is_ready_in_four_seconds() {
        assert_eq!(
            made().end(),
            Duration::from_secs(4),
            "tea takes 3 + 1 s, toast 2 + 1 s; side by side that is max(4, 3) = 4 s"
        );
    }

    #[test]
    fn the_kettle_and_the_toaster_start_together() {
        let timeline = made();
        assert_eq!(timeline.when("tea", "boil the kettle..."), secs(0));
        assert_eq!(
            timeline.when("toast", "toast the bread..."),
            secs(0),
            "the toaster does not wait for the kettle"
        );
    }

    #[test]
    fn the_tea_is_brewed_only_once_the_kettle_has_boiled() {
        let timeline = made();
        assert_eq!(
            timeline.when("tea", "brew the tea..."),
            secs(3),
            "brewing starts when the kettle is done, at 3 s"
        );
        assert_eq!(timeline.when("tea", "brew the tea: done"), secs(4));
    }

    #[test]
    fn the_toast_is_buttered_only_once_it_is_toasted() {
        let timeline = made();
        assert_eq!(timeline.when("toast", "butter the toast..."), secs(2));
        assert_eq!(timeline.when("toast", "butter the toast: done"), secs(3));
    }
}

mod yield_times {
    use super::*;
    use crate::yield_times::yield_times;
    use std::pin::Pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::task::{Context, Poll, Waker};

    const FORGOT_TO_WAKE: &str = "Your future returned Pending, and nothing ever polled \
         it again. A runtime polls a task only after it is woken: call \
         `cx.waker().wake_by_ref()` before returning Pending.";

    #[test]
    fn is_pending_n_times_then_ready_with_n() {
        let polls = watchdog::within(watchdog::LIMIT, "polling should be instant", || {
            let mut future = yield_times(3);
            let mut cx = Context::from_waker(Waker::noop());
            (0..4)
                .map(|_| Pin::new(&mut future).poll(&mut cx))
                .collect::<Vec<_>>()
        });
        assert_eq!(
            polls,
            [Poll::Pending, Poll::Pending, Poll::Pending, Poll::Ready(3)],
            "three yields, then the count"
        );
    }

    #[test]
    fn zero_is_ready_at_the_first_poll() {
        let mut future = yield_times(0);
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(Pin::new(&mut future).poll(&mut cx), Poll::Ready(0));
    }

    #[test]
    fn wakes_itself_so_that_awaiting_it_finishes() {
        let count = paused(FORGOT_TO_WAKE, || async { yield_times(5).await });
        assert_eq!(count, 5);
    }

    #[test]
    fn yielding_once_lets_a_spawned_task_run() {
        let ran = paused(FORGOT_TO_WAKE, || async {
            let ran = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&ran);
            let other = tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
            // One thread, one task at a time: `other` can only run if we yield.
            yield_times(1).await;
            let ran = ran.load(Ordering::SeqCst);
            other.await.unwrap();
            ran
        });
        assert!(
            ran,
            "while this task yielded, the runtime ran the spawned task"
        );
    }
}

mod two_steps {
    use super::*;
    use crate::two_steps::{two_steps, two_steps_by_hand};
    use course_kit::stamp::Event;
    use std::pin::Pin;
    use std::task::Poll;

    const STUCK: &str = "Your state machine returned Pending, and nothing woke it \
         again. Return Pending only when the sleep you polled did: it has then \
         arranged for the task to be woken when it is due. Creating a new sleep on \
         every poll never lets one finish, either.";

    fn run<F: Future<Output = String>>(
        body: impl FnOnce(Timeline) -> F + Send + 'static,
    ) -> (String, Vec<Event>) {
        paused(STUCK, || async {
            let timeline = Timeline::quiet();
            let greeting = body(timeline.clone()).await;
            (greeting, timeline.events())
        })
    }

    #[test]
    fn says_what_the_async_fn_says_at_the_same_times() {
        let (_, by_compiler) = run(|t| two_steps(t, "ada"));
        let (_, by_hand) = run(|t| two_steps_by_hand(t, "ada"));
        assert_eq!(
            by_hand, by_compiler,
            "step 1 at 0 s, step 2 at 1 s, done at 3 s"
        );
    }

    #[test]
    fn returns_the_greeting_made_between_the_awaits() {
        let (greeting, _) = run(|t| two_steps_by_hand(t, "ada"));
        assert_eq!(greeting, "hello, ada");
    }

    #[test]
    fn calling_runs_nothing_and_the_first_poll_stops_at_the_first_await() {
        let (said_before, said_after_one_poll, greeting) = paused(STUCK, || async {
            let timeline = Timeline::quiet();
            let mut machine = two_steps_by_hand(timeline.clone(), "ada");
            let said_before = timeline.events().len();
            // Poll once, with the task's real waker, and look.
            let first =
                std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut machine).poll(cx))).await;
            assert!(first.is_pending(), "the first sleep cannot be over yet");
            let said_after_one_poll: Vec<String> =
                timeline.events().into_iter().map(|e| e.what).collect();
            (said_before, said_after_one_poll, machine.await)
        });
        assert_eq!(said_before, 0, "calling an async fn runs none of its body");
        assert_eq!(
            said_after_one_poll,
            ["step 1"],
            "one poll runs the body up to the first `.await`"
        );
        assert_eq!(greeting, "hello, ada");
    }

    #[test]
    fn two_of_them_joined_finish_together_in_three_seconds() {
        let ends = paused(STUCK, || async {
            let timeline = Timeline::quiet();
            tokio::join!(
                two_steps_by_hand(timeline.clone(), "ada"),
                two_steps_by_hand(timeline.clone(), "bob"),
            );
            (timeline.when("ada", "done"), timeline.when("bob", "done"))
        });
        assert_eq!(
            ends,
            (secs(3), secs(3)),
            "each sleep returns Pending instead of blocking, so the two overlap"
        );
    }
}

mod join {
    use super::*;
    use crate::join::join;
    use std::pin::Pin;
    use std::task::{Context, Poll, Waker};
    use tokio::time::sleep;

    const STUCK: &str = "Your Join returned Pending, and nothing woke it again. \
         Return Pending only after polling every unfinished future, and only if one \
         of them returned Pending: that one has arranged to wake the task.";

    /// `value` after `secs` seconds.
    async fn after<T>(secs: u64, value: T) -> T {
        sleep(Duration::from_secs(secs)).await;
        value
    }

    /// A future that fails the test, and says why, if it is polled again after it
    /// returned `Ready`.
    struct OnlyUntilReady<F: Future> {
        inner: Pin<Box<F>>,
        finished: bool,
    }

    fn only_until_ready<F: Future>(inner: F) -> OnlyUntilReady<F> {
        OnlyUntilReady {
            inner: Box::pin(inner),
            finished: false,
        }
    }

    impl<F: Future> Future for OnlyUntilReady<F> {
        type Output = F::Output;

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            assert!(
                !self.finished,
                "Join polled a future again after it had returned Ready. Keep its \
                 output and poll only the other one from then on (an async block \
                 panics when polled after it has finished)."
            );
            let poll = self.inner.as_mut().poll(cx);
            self.finished = poll.is_ready();
            poll
        }
    }

    #[test]
    fn gives_both_outputs_in_argument_order() {
        let both = paused(STUCK, || async {
            join(after(2, "slow"), after(1, 1)).await
        });
        assert_eq!(
            both,
            ("slow", 1),
            "like gather: in argument order, not the order they finished in"
        );
    }

    #[test]
    fn runs_both_at_once_so_the_slower_one_sets_the_time() {
        let took = paused(STUCK, || async {
            let start = tokio::time::Instant::now();
            join(after(1, ()), after(2, ())).await;
            start.elapsed()
        });
        assert_eq!(
            took,
            Duration::from_secs(2),
            "max(1 s, 2 s): both sleeps must start at the first poll; 3 s means one \
             waited for the other"
        );
    }

    #[test]
    fn never_polls_a_finished_future_again() {
        let both = paused(STUCK, || async {
            join(
                only_until_ready(after(1, 'a')),
                only_until_ready(after(3, 'b')),
            )
            .await
        });
        assert_eq!(both, ('a', 'b'));
    }

    #[test]
    fn is_ready_at_the_first_poll_when_both_are() {
        let mut both = join(std::future::ready(1), std::future::ready(2));
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(
            Pin::new(&mut both).poll(&mut cx),
            Poll::Ready((1, 2)),
            "nothing to wait for, so no Pending"
        );
    }

    #[test]
    fn polls_both_each_time_so_their_steps_interleave() {
        let order = paused(STUCK, || async {
            let timeline = Timeline::quiet();
            let worker = |lane: &'static str| {
                let timeline = timeline.clone();
                async move {
                    for step in 1..=3 {
                        timeline.say(lane, step);
                        tokio::task::yield_now().await;
                    }
                }
            };
            join(worker("a"), worker("b")).await;
            timeline
                .events()
                .into_iter()
                .map(|e| format!("{}{}", e.lane, e.what))
                .collect::<Vec<_>>()
                .join(" ")
        });
        assert_eq!(order, "a1 b1 a2 b2 a3 b3", "a first, then b, on every poll");
    }

    #[test]
    fn nests_to_join_three() {
        let (took, outputs) = paused(STUCK, || async {
            let start = tokio::time::Instant::now();
            let outputs = join(join(after(3, 'x'), after(1, 'y')), after(2, 'z')).await;
            (start.elapsed(), outputs)
        });
        assert_eq!(outputs, (('x', 'y'), 'z'));
        assert_eq!(took, Duration::from_secs(3));
    }
}
