//! The tests of the chapter 3 exercises. The solutions crate runs this same file, so
//! what passes there is exactly what you are asked for here.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

/// Long enough for any honest answer; a future that is never woken is stopped here.
const LIMIT: Duration = watchdog::LIMIT;

/// `async { sleep(secs).await; value }`, with `secs` in seconds of paused time.
async fn after<T>(secs: f64, value: T) -> T {
    sleep(Duration::from_secs_f64(secs)).await;
    value
}

/// Records when (on tokio's clock) the future holding it was dropped.
struct DropClock(Arc<Mutex<Option<Duration>>>, Instant);

impl Drop for DropClock {
    fn drop(&mut self) {
        *self.0.lock().unwrap() = Some(self.1.elapsed());
    }
}

/// A future that takes `secs` and yields `value`, and records in the returned slot
/// when it was dropped (whether it had finished or not).
fn tracked<T>(secs: f64, value: T) -> (impl Future<Output = T>, Arc<Mutex<Option<Duration>>>) {
    let dropped = Arc::new(Mutex::new(None));
    let clock = DropClock(Arc::clone(&dropped), Instant::now());
    let future = async move {
        let _clock = clock;
        after(secs, value).await
    };
    (future, dropped)
}

mod select_timeout {
    use super::*;
    use crate::select_timeout::{TimedOut, timeout};

    const HANG: &str = "The timeout never returned. Does your select! have a branch for \
                        `tokio::time::sleep(limit)`? Without it, a future that never \
                        finishes is waited on forever.";

    #[test]
    fn a_quick_future_returns_its_output_at_its_own_end() {
        let (result, took) = watchdog::paused(LIMIT, HANG, || async {
            let start = Instant::now();
            let result = timeout(Duration::from_secs(2), after(1.0, "page")).await;
            (result, start.elapsed())
        });
        assert_eq!(result, Ok("page"));
        assert_eq!(
            took,
            Duration::from_secs(1),
            "the future took 1 s; the timeout must not wait out the 2 s limit"
        );
    }

    #[test]
    fn a_slow_future_times_out_at_exactly_the_limit() {
        let (result, took) = watchdog::paused(LIMIT, HANG, || async {
            let start = Instant::now();
            let result = timeout(Duration::from_secs(2), after(3.0, "page")).await;
            (result, start.elapsed())
        });
        assert_eq!(
            result,
            Err(TimedOut {
                after: Duration::from_secs(2)
            })
        );
        assert_eq!(
            took,
            Duration::from_secs(2),
            "give up at the limit, not later"
        );
    }

    #[test]
    fn a_future_that_never_finishes_times_out() {
        let result = watchdog::paused(LIMIT, HANG, || {
            timeout(Duration::from_secs(5), std::future::pending::<()>())
        });
        assert_eq!(
            result,
            Err(TimedOut {
                after: Duration::from_secs(5)
            })
        );
    }

    #[test]
    fn the_slow_future_is_dropped_at_the_limit() {
        let dropped_at = watchdog::paused(LIMIT, HANG, || async {
            let (slow, dropped) = tracked(3.0, ());
            let _ = timeout(Duration::from_secs(2), slow).await;
            *dropped.lock().unwrap()
        });
        assert_eq!(
            dropped_at,
            Some(Duration::from_secs(2)),
            "a timed-out future is cancelled: dropped when the limit is reached"
        );
    }

    #[test]
    fn a_ready_future_wins_even_with_a_zero_limit() {
        let results = watchdog::paused(LIMIT, HANG, || async {
            let mut results = Vec::new();
            // select! picks a random branch first unless told otherwise, so one try
            // could pass by luck; fifty cannot.
            for n in 0..50 {
                results.push(timeout(Duration::ZERO, async move { n }).await);
            }
            results
        });
        let expected: Vec<Result<i32, TimedOut>> = (0..50).map(Ok).collect();
        assert_eq!(
            results, expected,
            "a future that is ready at once must win over a zero-length sleep every \
             time: poll it first (see `biased;` in the select! docs)"
        );
    }
}

mod gather_partial {
    use super::*;
    use crate::gather_partial::{Outcome::*, gather_partial};
    use std::pin::Pin;

    const HANG: &str = "gather_partial never returned. Does every future get the deadline? \
                        One that never finishes must be given up on when it comes.";

    type Job = Pin<Box<dyn Future<Output = Result<&'static str, &'static str>>>>;

    fn ok(secs: f64, value: &'static str) -> Job {
        Box::pin(after(secs, Ok(value)))
    }

    fn err(secs: f64, error: &'static str) -> Job {
        Box::pin(after(secs, Err(error)))
    }

    fn never() -> Job {
        Box::pin(std::future::pending())
    }

    fn in_secs(secs: u64) -> Instant {
        Instant::now() + Duration::from_secs(secs)
    }

    #[test]
    fn outcomes_come_in_argument_order_not_finishing_order() {
        let (outcomes, took) = watchdog::paused(LIMIT, HANG, || async {
            let start = Instant::now();
            let jobs = vec![ok(3.0, "a"), ok(1.0, "b"), ok(2.0, "c")];
            (gather_partial(jobs, in_secs(10)).await, start.elapsed())
        });
        assert_eq!(outcomes, [Done("a"), Done("b"), Done("c")]);
        assert_eq!(
            took,
            Duration::from_secs(3),
            "3 s: they run at the same time (6 s means one after the other), and the \
             gather returns when the last one finishes, not at the 10 s deadline"
        );
    }

    #[test]
    fn a_failure_stops_nothing() {
        let (outcomes, took) = watchdog::paused(LIMIT, HANG, || async {
            let start = Instant::now();
            let jobs = vec![ok(3.0, "a"), err(1.0, "b broke"), ok(2.0, "c")];
            (gather_partial(jobs, in_secs(10)).await, start.elapsed())
        });
        assert_eq!(
            outcomes,
            [Done("a"), Failed("b broke"), Done("c")],
            "like return_exceptions=True: the error takes its place in the list"
        );
        assert_eq!(took, Duration::from_secs(3));
    }

    #[test]
    fn what_is_unfinished_at_the_deadline_is_marked_so_and_the_rest_kept() {
        let (outcomes, took) = watchdog::paused(LIMIT, HANG, || async {
            let start = Instant::now();
            let jobs = vec![ok(1.0, "a"), ok(5.0, "b"), err(2.0, "c broke"), never()];
            (gather_partial(jobs, in_secs(3)).await, start.elapsed())
        });
        assert_eq!(
            outcomes,
            [Done("a"), Unfinished, Failed("c broke"), Unfinished]
        );
        assert_eq!(took, Duration::from_secs(3), "return at the deadline");
    }

    #[test]
    fn unfinished_futures_are_dropped_at_the_deadline() {
        let dropped_at = watchdog::paused(LIMIT, HANG, || async {
            let (slow, dropped) = tracked(5.0, Ok::<_, ()>("slow"));
            let outcomes = gather_partial(vec![slow], in_secs(3)).await;
            assert_eq!(outcomes, [Unfinished]);
            *dropped.lock().unwrap()
        });
        assert_eq!(dropped_at, Some(Duration::from_secs(3)));
    }

    #[test]
    fn no_futures_give_no_outcomes_at_once() {
        let (outcomes, took) = watchdog::paused(LIMIT, HANG, || async {
            let start = Instant::now();
            let outcomes = gather_partial(Vec::<Job>::new(), in_secs(3)).await;
            (outcomes, start.elapsed())
        });
        assert_eq!(outcomes, []);
        assert_eq!(took, Duration::ZERO, "nothing to wait for");
    }
}

mod oneshot {
    use super::*;
    use crate::oneshot::{Canceled, channel};
    use std::pin::Pin;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::task::{Context, Poll, Wake, Waker};
    use std::thread;

    /// A waker that counts how often it was woken.
    #[derive(Default)]
    struct Counter(AtomicU32);

    impl Wake for Counter {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn counting_waker() -> (Waker, Arc<Counter>) {
        let counter = Arc::new(Counter::default());
        (Waker::from(Arc::clone(&counter)), counter)
    }

    fn poll<F: Future + Unpin>(future: &mut F, waker: &Waker) -> Poll<F::Output> {
        Pin::new(future).poll(&mut Context::from_waker(waker))
    }

    #[test]
    fn a_value_sent_from_another_thread_arrives() {
        let value = watchdog::within(
            LIMIT,
            "The receiver was never woken. Does `send` wake the waker that `poll` \
             stored before it returned Pending?",
            || {
                let (sender, receiver) = channel();
                let worker = thread::spawn(move || {
                    thread::sleep(Duration::from_millis(20));
                    sender.send(42);
                });
                let value = futures::executor::block_on(receiver);
                worker.join().unwrap();
                value
            },
        );
        assert_eq!(value, Ok(42));
    }

    #[test]
    fn pending_until_sent_then_woken_and_ready() {
        let (sender, mut receiver) = channel();
        let (waker, wakes) = counting_waker();
        assert_eq!(
            poll(&mut receiver, &waker),
            Poll::Pending,
            "nothing was sent yet"
        );
        assert_eq!(wakes.0.load(Ordering::SeqCst), 0);
        thread::spawn(move || sender.send("hello")).join().unwrap();
        assert!(
            wakes.0.load(Ordering::SeqCst) >= 1,
            "sending must wake the waker of the poll that returned Pending"
        );
        assert_eq!(poll(&mut receiver, &waker), Poll::Ready(Ok("hello")));
    }

    #[test]
    fn a_value_sent_before_the_first_poll_is_ready_at_once() {
        let (sender, mut receiver) = channel();
        sender.send(String::from("early"));
        let (waker, _) = counting_waker();
        assert_eq!(
            poll(&mut receiver, &waker),
            Poll::Ready(Ok(String::from("early"))),
            "the value is there, even though the sender is gone now too"
        );
    }

    #[test]
    fn only_the_waker_of_the_latest_poll_needs_waking() {
        let (sender, mut receiver) = channel();
        let (first, _) = counting_waker();
        let (latest, latest_wakes) = counting_waker();
        assert_eq!(poll(&mut receiver, &first), Poll::Pending);
        assert_eq!(poll(&mut receiver, &latest), Poll::Pending);
        sender.send(1);
        assert!(
            latest_wakes.0.load(Ordering::SeqCst) >= 1,
            "the task moved and was polled with a new waker; waking only the old one \
             would leave it asleep. Keep the waker of each poll."
        );
        assert_eq!(poll(&mut receiver, &latest), Poll::Ready(Ok(1)));
    }

    #[test]
    fn dropping_the_sender_on_another_thread_wakes_the_receiver_with_canceled() {
        let value = watchdog::within(
            LIMIT,
            "The receiver waited forever for a sender that was gone. `Drop for Sender` \
             must note that it is gone and wake the receiver.",
            || {
                let (sender, receiver) = channel::<u8>();
                let worker = thread::spawn(move || {
                    thread::sleep(Duration::from_millis(20));
                    drop(sender);
                });
                let value = futures::executor::block_on(receiver);
                worker.join().unwrap();
                value
            },
        );
        assert_eq!(value, Err(Canceled));
    }

    #[test]
    fn a_sender_dropped_before_the_first_poll_gives_canceled_at_once() {
        let (sender, mut receiver) = channel::<u8>();
        drop(sender);
        let (waker, _) = counting_waker();
        assert_eq!(poll(&mut receiver, &waker), Poll::Ready(Err(Canceled)));
    }
}
