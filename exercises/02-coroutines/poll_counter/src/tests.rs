//! The tests of the `poll_counter` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

use crate::poll_counter::counted;

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

/// A waker that counts how often it was woken.
#[derive(Default)]
struct Wakes(AtomicU32);

impl std::task::Wake for Wakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A future that is `Pending` `times` times (waking its task each time, as a bare
/// `yield` would), then `Ready(label)`.
struct PendingTimes {
    times: u32,
    label: &'static str,
}

impl Future for PendingTimes {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.times == 0 {
            return Poll::Ready(self.label);
        }
        self.times -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Poll `future` by hand with a waker that does nothing, `n` times.
fn poll_by_hand<F: Future + Unpin>(future: &mut F, n: usize) -> Vec<Poll<F::Output>> {
    let mut cx = Context::from_waker(Waker::noop());
    (0..n)
        .map(|_| Pin::new(&mut *future).poll(&mut cx))
        .collect()
}

#[test]
fn a_ready_future_takes_one_poll() {
    let polls = watchdog::within(LIMIT, "one poll", || {
        poll_by_hand(&mut counted(std::future::ready(7)), 1)
    });
    assert_eq!(
        polls,
        [Poll::Ready((7, 1))],
        "an inner future that is ready at once: its output, after 1 poll"
    );
}

#[test]
fn every_poll_is_counted_the_last_one_too() {
    let polls = watchdog::within(LIMIT, "three polls", || {
        let mut future = counted(PendingTimes {
            times: 2,
            label: "done",
        });
        poll_by_hand(&mut future, 3)
    });
    assert_eq!(
        polls,
        [Poll::Pending, Poll::Pending, Poll::Ready(("done", 3))],
        "Pending twice, then ready at the third poll: the count is 3 (count the poll \
         that finished too), and each Pending of the inner future is passed on"
    );
}

#[test]
fn passes_its_own_callers_waker_to_the_inner_future() {
    /// Wakes whatever waker it is polled with, once, then is ready.
    struct WakesWhatItIsGiven(bool);

    impl Future for WakesWhatItIsGiven {
        type Output = ();

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                return Poll::Ready(());
            }
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    let (first, wakes) = watchdog::within(LIMIT, "one poll", || {
        let wakes = Arc::new(Wakes::default());
        let waker = Waker::from(Arc::clone(&wakes));
        let mut future = counted(WakesWhatItIsGiven(false));
        let first = Pin::new(&mut future).poll(&mut Context::from_waker(&waker));
        (first, wakes.0.load(Ordering::SeqCst))
    });
    let why = match wakes {
        0 => {
            "the inner future woke the waker it was polled with, and that was not the \
             task's: poll it with the `cx` you were given, or its wake-up never reaches \
             the task"
        }
        1 => "",
        _ => {
            "the task's waker was woken more than once: the inner future woke it, and \
             something else did too. Counted itself must not wake the task: the inner \
             future that returned Pending has already arranged its wake-up, and an \
             extra one makes the runtime poll for nothing (or spin)"
        }
    };
    assert_eq!(
        (first, wakes),
        (Poll::Pending, 1),
        "expected (Pending, 1 wake-up of the task's waker): {why}"
    );
}

#[test]
fn a_one_second_sleep_takes_two_polls_and_one_second() {
    let ((), polls, took) = watchdog::paused(
        LIMIT,
        "awaiting counted(sleep(1 s)) never finished. If nothing woke it, the sleep was \
         polled with another waker than the task's; if it spins, Counted wakes itself \
         on every poll.",
        || async {
            let start = Instant::now();
            let (out, polls) = counted(sleep(Duration::from_secs(1))).await;
            (out, polls, start.elapsed())
        },
    );
    let why = match polls {
        0 | 1 => {
            "fewer polls than happened: count every poll of the inner future, the one \
             that returned Ready too"
        }
        2 => "",
        _ => "more polls means something woke the task that had no news for it",
    };
    assert_eq!(
        (polls, took),
        (2, Duration::from_secs(1)),
        "expected (polls, time) = (2, 1 s): one poll starts the sleep (Pending), the \
         timer wakes the task once after 1 s, and the second poll finds it done. {why}"
    );
}

#[test]
fn two_counted_tasks_keep_their_own_counts() {
    let got = watchdog::paused(LIMIT, "two spawned Counted futures hung", || async {
        let yields = tokio::spawn(counted(PendingTimes {
            times: 3,
            label: "a",
        }));
        let sleeps = tokio::spawn(counted(sleep(Duration::from_secs(2))));
        let (yields, sleeps) = (yields.await, sleeps.await);
        (yields.expect("no panic"), sleeps.expect("no panic").1)
    });
    assert_eq!(
        got,
        (("a", 4), 2),
        "each task polls its own Counted when (and only when) that task is woken: 3 \
         yields take 4 polls, a 2 s sleep 2"
    );
}
