//! The tests of the `yield_times` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use course_kit::watchdog;

use crate::yield_times::yield_times;

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

const FORGOT_TO_WAKE: &str = "A runtime polls a task again only after it is woken. \
     Call `cx.waker().wake_by_ref()` before returning Pending: that is what a bare \
     `yield` in a @types.coroutine means to asyncio (\"put me back on the ready queue\").";

/// A waker that counts how often it was woken.
#[derive(Default)]
struct Wakes(AtomicU32);

impl Wake for Wakes {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Poll `yield_times(n)` by hand `polls` times with a counting waker: what each poll
/// returned, and how often the waker was woken.
#[track_caller]
fn by_hand(n: u32, polls: usize) -> (Vec<Poll<u32>>, u32) {
    watchdog::within(LIMIT, FORGOT_TO_WAKE, move || {
        let wakes = Arc::new(Wakes::default());
        let waker = Waker::from(Arc::clone(&wakes));
        let mut cx = Context::from_waker(&waker);
        let mut future = yield_times(n);
        let got = (0..polls)
            .map(|_| Pin::new(&mut future).poll(&mut cx))
            .collect();
        (got, wakes.0.load(Ordering::SeqCst))
    })
}

#[test]
fn is_pending_n_times_then_ready_with_n() {
    let (polls, _) = by_hand(3, 4);
    assert_eq!(
        polls,
        [Poll::Pending, Poll::Pending, Poll::Pending, Poll::Ready(3)],
        "expected three yields (Pending), then the count at the fourth poll, as \
         `for _ in range(3): yield` then `return 3`"
    );
}

#[test]
fn zero_is_ready_at_the_first_poll() {
    let (polls, wakes) = by_hand(0, 1);
    assert_eq!(
        (polls, wakes),
        (vec![Poll::Ready(0)], 0),
        "range(0) never yields: ready at once, and no wake-up needed"
    );
}

#[test]
fn wakes_the_task_once_for_each_pending() {
    let (polls, wakes) = by_hand(3, 4);
    let pendings = polls.iter().filter(|poll| poll.is_pending()).count();
    let why = match wakes {
        0 => FORGOT_TO_WAKE.to_string(),
        w if w as usize > pendings => format!(
            "{w} wake-ups for {pendings} Pending: wake only before returning Pending, \
             once each time (a wake-up with the Ready, or two per poll, makes the \
             runtime poll for nothing)"
        ),
        w if (w as usize) < pendings => format!(
            "{w} wake-ups for {pendings} Pending: some Pending went out without a \
             wake-up, and a runtime would never poll the task again after it"
        ),
        _ => String::new(),
    };
    assert_eq!(
        wakes, 3,
        "expected one wake-up per Pending (3), got {wakes}. {why}"
    );
}

#[test]
fn awaiting_it_finishes() {
    let count = watchdog::paused(LIMIT, FORGOT_TO_WAKE, || async { yield_times(5).await });
    assert_eq!(count, 5, "`await yield_times(5)` evaluates to 5");
}

#[test]
fn yielding_once_lets_a_spawned_task_run() {
    let ran = watchdog::paused(LIMIT, FORGOT_TO_WAKE, || async {
        let ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        let other = tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
        // One thread, one task at a time: `other` can only run if we yield.
        yield_times(1).await;
        let ran = ran.load(Ordering::SeqCst);
        other.await.expect("the spawned task does not panic");
        ran
    });
    assert!(
        ran,
        "the spawned task had not run when yield_times(1) returned: the one Pending \
         must hand the thread back to the runtime (return Pending, not loop inside \
         poll)"
    );
}
