//! The tests of the `latch` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use course_kit::watchdog;

use crate::given::{after_next_unlock, hook_waiting};
use crate::latch::Latch;

/// No test here waits for long: two seconds leave a slow machine room and keep a
/// hang short.
const LIMIT: Duration = Duration::from_secs(2);

/// A waker that counts how often it was woken.
#[derive(Default)]
struct Wakes(AtomicU32);

impl Wake for Wakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn counting_waker() -> (Waker, Arc<Wakes>) {
    let wakes = Arc::new(Wakes::default());
    (Waker::from(Arc::clone(&wakes)), wakes)
}

fn woken(wakes: &Wakes) -> u32 {
    wakes.0.load(Ordering::SeqCst)
}

fn poll<F: Future + Unpin>(future: &mut F, waker: &Waker) -> Poll<F::Output> {
    Pin::new(future).poll(&mut Context::from_waker(waker))
}

#[test]
fn pending_until_the_last_count_down_which_wakes_the_waiting_task_once() {
    let steps = watchdog::within(LIMIT, "counting down by hand", || {
        let latch = Latch::new(2);
        let mut wait = latch.wait();
        let (waker, wakes) = counting_waker();
        let first = poll(&mut wait, &waker);
        latch.count_down();
        let after_one = (woken(&wakes), poll(&mut wait, &waker));
        latch.count_down();
        let after_two = (woken(&wakes), poll(&mut wait, &waker));
        (first, after_one, after_two)
    });
    assert_eq!(
        steps,
        (Poll::Pending, (0, Poll::Pending), (1, Poll::Ready(()))),
        "expected (Pending; no wake-up and still Pending after one count_down; one \
         wake-up and Ready after the second). A wake-up after the first count_down \
         wakes the task for nothing; none after the second leaves it asleep forever"
    );
}

#[test]
fn a_latch_of_zero_is_open_from_the_start() {
    let (waker, wakes) = counting_waker();
    let got = poll(&mut Latch::new(0).wait(), &waker);
    assert_eq!(
        (got, woken(&wakes)),
        (Poll::Ready(()), 0),
        "nothing to count: Ready at the first poll, nobody to wake"
    );
}

#[test]
fn counting_past_zero_keeps_it_open() {
    let got = watchdog::within(LIMIT, "counting down by hand", || {
        let latch = Latch::new(1);
        latch.count_down();
        latch.count_down();
        poll(&mut latch.wait(), Waker::noop())
    });
    assert_eq!(
        got,
        Poll::Ready(()),
        "one count_down too many must not close it again (or overflow): it stays at 0"
    );
}

#[test]
fn only_the_waker_of_the_latest_poll_is_sure_to_reach_the_task() {
    let (first_wakes, latest_wakes) = watchdog::within(LIMIT, "polling by hand", || {
        let latch = Latch::new(1);
        let mut wait = latch.wait();
        let (first, first_wakes) = counting_waker();
        let (latest, latest_wakes) = counting_waker();
        let _ = poll(&mut wait, &first);
        // The task moved (another executor, another select! arm): new waker.
        let _ = poll(&mut wait, &latest);
        latch.count_down();
        (woken(&first_wakes), woken(&latest_wakes))
    });
    assert_eq!(
        (first_wakes, latest_wakes),
        (0, 1),
        "expected the latest poll's waker woken once, the old one not: keep the waker \
         of each poll, replacing the one before (a waker kept from the first poll \
         only wakes a task that has moved on)"
    );
}

#[test]
fn count_downs_from_other_threads_wake_a_task_on_a_multi_thread_runtime() {
    let opened = watchdog::on_runtime(
        LIMIT,
        "a task waiting on the latch was never woken, although every count_down \
         happened: the last one found no waker to wake. Check `remaining` and store \
         the waker under one lock, and wake from count_down when it reaches 0.",
        || {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(4)
                .build()
        },
        || async {
            let mut opened = 0;
            for _ in 0..100 {
                let latch = Latch::new(4);
                let waiter = tokio::spawn(latch.wait());
                let workers: Vec<_> = (0..4)
                    .map(|_| {
                        let latch = latch.clone();
                        std::thread::spawn(move || latch.count_down())
                    })
                    .collect();
                waiter.await.expect("the waiting task does not panic");
                opened += 1;
                for worker in workers {
                    worker.join().expect("count_down does not panic");
                }
            }
            opened
        },
    );
    assert_eq!(opened, 100, "every latch opened and woke its task");
}

// The two tests below make the worst moment happen instead of hoping for it: the
// given `Mutex` runs the test's `count_down` right after the next unlock, on this
// thread, just as another thread's could land there. A step made under one lock has
// no unlock inside it, so only code that looks and acts under two locks is hit.

/// Whether the hook set with `after_next_unlock` ran; if not, the given `Mutex` was
/// never unlocked, and the test proved nothing.
#[track_caller]
fn assert_hook_ran(ran: bool) {
    assert!(
        ran,
        "the test's count_down never ran: the state was never unlocked through the \
         given Mutex (crate::given::Mutex). Keep it: the test uses it to choose the \
         moment another thread's count_down lands"
    );
}

#[test]
fn a_count_down_between_the_check_and_the_store_of_the_waker_still_wakes_the_task() {
    let (got, wakes, hook_ran) = watchdog::within(LIMIT, "polling by hand", || {
        let latch = Latch::new(1);
        let mut wait = latch.wait();
        let (waker, wakes) = counting_waker();
        // The last count_down, as if from another thread, right after poll's first
        // unlock: after it has looked at `remaining`.
        let other = latch.clone();
        after_next_unlock(move || other.count_down());
        let got = poll(&mut wait, &waker);
        (got, woken(&wakes), !hook_waiting())
    });
    assert_hook_ran(hook_ran);
    assert!(
        got.is_ready() || wakes >= 1,
        "the last count_down came right after poll had unlocked the state once (poll \
         had seen the latch closed), and opened it; then poll returned Pending, and \
         nobody will ever wake the task: that count_down found no waker to wake. Look \
         at `remaining` and store the waker under one lock, one guard, so that nothing \
         can come between the two"
    );
}

#[test]
fn two_count_downs_that_interleave_both_count() {
    let (got, hook_ran) = watchdog::within(LIMIT, "counting down by hand", || {
        let latch = Latch::new(2);
        // The second count_down, as if from another thread, right after the first
        // one's first unlock.
        let other = latch.clone();
        after_next_unlock(move || other.count_down());
        latch.count_down();
        (poll(&mut latch.wait(), Waker::noop()), !hook_waiting())
    });
    assert_hook_ran(hook_ran);
    assert_eq!(
        got,
        Poll::Ready(()),
        "two count_downs on a latch of 2, the second landing right after the first \
         had unlocked the state once, and the latch is still closed: one count was \
         lost. A count_down that reads `remaining` under one lock and writes it back \
         under another lets the other count_down in between, and then overwrites it. \
         Read, subtract and write under one guard"
    );
}
