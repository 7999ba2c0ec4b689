//! The tests of the `join` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::time::Duration;

use course_kit::{Timeline, watchdog};

/// Run `make()` on a paused-clock runtime under the watchdog.
#[track_caller]
fn paused<T, F, Fut>(why: &str, make: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> Fut + Send + 'static,
    Fut: Future<Output = T>,
{
    watchdog::paused(LIMIT, why, make)
}

use crate::join::join;

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use tokio::time::sleep;

const STUCK: &str = "Return Pending only after polling every unfinished future, and \
     only if one of them returned Pending: that one has arranged to wake the task. \
     Never wake the task yourself: a Join that wakes itself on every poll spins.";

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
             panics when polled after it has finished, like a finished Python \
             coroutine raising RuntimeError when awaited again)."
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
        "expected (a's output, b's output) like gather: in argument order, not the \
         order they finished in"
    );
}

#[test]
fn runs_both_at_once_so_the_slower_one_sets_the_time() {
    let took = paused(STUCK, || async {
        let start = tokio::time::Instant::now();
        join(after(1, ()), after(2, ())).await;
        start.elapsed()
    });
    let why = if took == Duration::from_secs(3) {
        ": 1 + 2 s, so b was not polled until a was done (`a_done && b.poll(cx)` \
         skips b while a is pending)"
    } else {
        ""
    };
    assert_eq!(
        took,
        Duration::from_secs(2),
        "expected max(1 s, 2 s) = 2 s, got {took:?}: both sleeps must start at the \
         first poll{why}"
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
        "expected Ready((1, 2)) at the first poll: nothing to wait for, so no Pending \
         (a Join that returns Pending here has nobody to wake it)"
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
    assert_eq!(
        order, "a1 b1 a2 b2 a3 b3",
        "expected a then b on every poll: each poll of Join polls both unfinished \
         futures once, a first"
    );
}

#[test]
fn nests_to_join_three() {
    let (took, outputs) = paused(STUCK, || async {
        let start = tokio::time::Instant::now();
        let outputs = join(join(after(3, 'x'), after(1, 'y')), after(2, 'z')).await;
        (start.elapsed(), outputs)
    });
    assert_eq!(
        outputs,
        (('x', 'y'), 'z'),
        "nested joins keep the argument order"
    );
    assert_eq!(
        took,
        Duration::from_secs(3),
        "expected 3 s, the slowest of 3, 1 and 2 s: all three run at once"
    );
}

/// A future that is ready at once, but counts its polls.
struct ReadyCounting<'a>(&'a std::cell::Cell<u32>);

impl Future for ReadyCounting<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        self.0.set(self.0.get() + 1);
        Poll::Ready(())
    }
}

#[test]
fn a_side_that_is_done_is_polled_once_while_the_other_takes_three_polls() {
    let polls = std::cell::Cell::new(0);
    let mut both = join(
        ReadyCounting(&polls),
        std::future::poll_fn({
            let mut left = 2;
            move |cx| {
                if left == 0 {
                    return Poll::Ready(());
                }
                left -= 1;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }),
    );
    let mut cx = Context::from_waker(Waker::noop());
    let got: Vec<Poll<((), ())>> = (0..3).map(|_| Pin::new(&mut both).poll(&mut cx)).collect();
    assert_eq!(
        (got, polls.get()),
        (vec![Poll::Pending, Poll::Pending, Poll::Ready(((), ()))], 1),
        "expected (Pending, Pending, Ready) with a polled exactly once: a finished \
         side keeps its output and is not polled again"
    );
}

#[test]
fn a_join_polled_by_one_task_then_awaited_by_another_still_finishes() {
    let both = paused(STUCK, || async {
        let mut pending = join(after(1, 'a'), after(2, 'b'));
        // First polled with a waker that goes nowhere, as if by a task that then
        // handed it over...
        let first = Pin::new(&mut pending).poll(&mut Context::from_waker(Waker::noop()));
        assert!(first.is_pending(), "neither sleep can be over at 0 s");
        // ...then awaited by this task, whose waker must be the one the sleeps get.
        pending.await
    });
    assert_eq!(both, ('a', 'b'));
}
