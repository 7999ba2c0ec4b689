//! The tests of the `two_steps` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use course_kit::stamp::Event;
use course_kit::{Timeline, watchdog};
use tokio::time::sleep;

use crate::two_steps::{two_steps, two_steps_by_hand};

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

fn secs(n: u64) -> Option<Duration> {
    Some(Duration::from_secs(n))
}

const STUCK: &str = "Return Pending only when the sleep you polled did: it has then \
     arranged for the task to be woken when it is due. A state that moves on (say, to \
     the second sleep) must go round the loop and poll the new sleep before returning. \
     And make each sleep once, when the body reaches it, then keep it in the state.";

/// Run `make`'s future on the paused clock: its output and what it said when.
#[track_caller]
fn run<F: Future<Output = String>>(
    make: impl FnOnce(Timeline) -> F + Send + 'static,
) -> (String, Vec<Event>) {
    watchdog::paused(LIMIT, STUCK, || async {
        let timeline = Timeline::quiet();
        let greeting = make(timeline.clone()).await;
        (greeting, timeline.events())
    })
}

#[test]
fn says_what_the_async_fn_says_at_the_same_times() {
    let (_, by_compiler) = run(|t| two_steps(t, "ada"));
    let (_, by_hand) = run(|t| two_steps_by_hand(t, "ada"));
    assert_eq!(
        by_hand, by_compiler,
        "expected what the async fn says: step 1 at 0 s, step 2 at 1 s, done at 3 s"
    );
}

#[test]
fn returns_the_greeting_made_between_the_awaits() {
    let (greeting, _) = run(|t| two_steps_by_hand(t, "ada"));
    assert_eq!(greeting, "hello, ada", "the String the async fn returns");
}

#[test]
fn calling_runs_nothing_and_the_first_poll_stops_at_the_first_await() {
    let (said_before, said_after_one_poll, greeting) = watchdog::paused(LIMIT, STUCK, || async {
        let timeline = Timeline::quiet();
        let mut machine = two_steps_by_hand(timeline.clone(), "ada");
        let said_before = timeline.events().len();
        // Poll once, with the task's real waker, and look.
        let first = std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut machine).poll(cx))).await;
        assert!(
            first.is_pending(),
            "the first poll returned Ready: the first sleep cannot be over yet"
        );
        let said: Vec<String> = timeline.events().into_iter().map(|e| e.what).collect();
        (said_before, said, machine.await)
    });
    assert_eq!(
        said_before, 0,
        "calling an async fn runs none of its body: two_steps_by_hand must only store \
         its arguments"
    );
    assert_eq!(
        said_after_one_poll,
        ["step 1"],
        "one poll runs the body up to the first `.await` that is not ready, no further"
    );
    assert_eq!(greeting, "hello, ada");
}

#[test]
fn a_machine_first_polled_later_starts_its_sleep_then() {
    // Called at 0 s, first polled at 5 s: like an async fn, nothing has started
    // before the first poll, the first sleep included.
    let events = watchdog::paused(LIMIT, STUCK, || async {
        let timeline = Timeline::quiet();
        let machine = two_steps_by_hand(timeline.clone(), "ada");
        sleep(Duration::from_secs(5)).await;
        machine.await;
        (
            timeline.when("ada", "step 1"),
            timeline.when("ada", "step 2"),
            timeline.when("ada", "done"),
        )
    });
    let why = if events.0 == secs(0) {
        "Step 1 at 0 s means creating the machine ran the body: two_steps_by_hand \
         must only store its arguments"
    } else if events.0 == secs(5) && events.1 == secs(5) {
        "Step 2 at 5 s means the first sleep was made when the machine was created \
         (its second had passed long before the first poll): make it when the body \
         reaches it, in poll"
    } else {
        ""
    };
    assert_eq!(
        events,
        (secs(5), secs(6), secs(8)),
        "expected step 1 at 5 s (the first poll), step 2 at 6 s, done at 8 s. {why}"
    );
}

#[test]
fn it_is_polled_three_times_one_per_await_plus_the_start() {
    let polls = watchdog::paused(LIMIT, STUCK, || async {
        let mut machine = two_steps_by_hand(Timeline::quiet(), "ada");
        let mut polls = 0;
        std::future::poll_fn(|cx| {
            polls += 1;
            Pin::new(&mut machine).poll(cx)
        })
        .await;
        polls
    });
    let why = if polls > 3 {
        "More means the machine woke itself without news (or made a new sleep); it \
         must return Pending only when a sleep did"
    } else {
        "Fewer means a sleep was not waited for by returning Pending: was one \
         skipped, or did something block the thread instead?"
    };
    assert_eq!(
        polls, 3,
        "expected 3 polls: the first runs to the first sleep, each sleep's wake-up \
         brings one more. {why}"
    );
}

#[test]
fn two_of_them_joined_finish_together_in_three_seconds() {
    let ends = watchdog::paused(LIMIT, STUCK, || async {
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
        "each sleep returns Pending instead of blocking, so the two overlap: both \
         done at 3 s, not 3 s and 6 s"
    );
}

#[test]
fn each_await_is_a_state_of_its_own() {
    // Stopped at the first sleep and stopped at the second are two places in the
    // body, so two variants of the enum, as in the compiler's own. A `TwoSteps` that
    // boxes the `async fn` (or an async block) and polls it stays in one variant at
    // both: the compiler wrote that state machine, not you.
    let (start, first, second) = watchdog::paused(LIMIT, STUCK, || async {
        let mut machine = two_steps_by_hand(Timeline::quiet(), "ada");
        let start = std::mem::discriminant(&machine);
        // One poll each time, with the task's real waker.
        let _ = std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut machine).poll(cx))).await;
        let first = std::mem::discriminant(&machine);
        // The paused clock moves to the first sleep's end; the next poll stops at
        // the second sleep.
        sleep(Duration::from_secs(1)).await;
        let _ = std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut machine).poll(cx))).await;
        let second = std::mem::discriminant(&machine);
        machine.await;
        (start, first, second)
    });
    assert!(
        start != first,
        "after the first poll, TwoSteps was still in its Start variant: the first poll \
         must move it to the state stopped at the first sleep"
    );
    assert!(
        first != second,
        "stopped at the first sleep and stopped at the second, TwoSteps was in the same \
         variant: write one variant for each `.await`, holding what is still needed \
         there (the first sleep; then the greeting and the second sleep). A variant that \
         holds the boxed `async fn`, or one variant for both sleeps with a step number, \
         is not the enum the compiler makes"
    );
}
