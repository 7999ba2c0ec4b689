//! The tests of the `gather_partial` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

/// Paused-clock tests take milliseconds; two seconds leave a slow machine room and
/// keep a hang short.
const LIMIT: Duration = Duration::from_secs(2);

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
    assert_eq!(
        outcomes,
        [Done("a"), Done("b"), Done("c")],
        "expected one outcome per future in argument order (a, b, c), not in the \
         order they finished (b, c, a)"
    );
    assert_eq!(
        took,
        Duration::from_secs(3),
        "expected 3 s, got {took:?}: they run at the same time (6 s means one after \
         the other), and the gather returns when the last one finishes, not at the \
         10 s deadline"
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
        "like return_exceptions=True: the error takes its place in the list, and the \
         others go on (try_join_all would stop at the first error)"
    );
    assert_eq!(took, Duration::from_secs(3), "the last one ends at 3 s");
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
        [Done("a"), Unfinished, Failed("c broke"), Unfinished],
        "expected what each did by the 3 s deadline: a done at 1 s, b (5 s) not, c \
         failed at 2 s, and the one that never ends not"
    );
    assert_eq!(
        took,
        Duration::from_secs(3),
        "expected to return at the 3 s deadline, got {took:?}: every future gets the \
         same deadline (timeout_at), not a fresh timeout each"
    );
}

#[test]
fn unfinished_futures_are_dropped_at_the_deadline() {
    let dropped_at = watchdog::paused(LIMIT, HANG, || async {
        let (slow, dropped) = tracked(5.0, Ok::<_, ()>("slow"));
        let outcomes = gather_partial(vec![slow], in_secs(3)).await;
        assert_eq!(outcomes, [Unfinished]);
        *dropped.lock().unwrap()
    });
    assert_eq!(
        dropped_at,
        Some(Duration::from_secs(3)),
        "expected the unfinished future dropped (cancelled) at the 3 s deadline"
    );
}

#[test]
fn no_futures_give_no_outcomes_at_once() {
    let (outcomes, took) = watchdog::paused(LIMIT, HANG, || async {
        let start = Instant::now();
        let outcomes = gather_partial(Vec::<Job>::new(), in_secs(3)).await;
        (outcomes, start.elapsed())
    });
    assert_eq!(
        (outcomes, took),
        (vec![], Duration::ZERO),
        "no futures: no outcomes, at once (not at the deadline)"
    );
}

#[test]
fn a_failure_first_and_a_failure_last_are_both_kept() {
    let (outcomes, took) = watchdog::paused(LIMIT, HANG, || async {
        let start = Instant::now();
        let jobs = vec![err(1.0, "first"), ok(4.0, "slow"), err(2.0, "last")];
        (gather_partial(jobs, in_secs(10)).await, start.elapsed())
    });
    assert_eq!(
        (outcomes, took),
        (
            vec![Failed("first"), Done("slow"), Failed("last")],
            Duration::from_secs(4)
        ),
        "expected both failures in their places and the slow success at 4 s: the \
         failure at 1 s stops nothing, and nobody waits for the deadline"
    );
}

#[test]
fn a_deadline_already_reached_still_keeps_what_is_ready_at_once() {
    let (rounds, took) = watchdog::paused(LIMIT, HANG, || async {
        let start = Instant::now();
        let mut rounds = Vec::new();
        // select! picks a ready branch at random unless told otherwise, so one try
        // could pass by luck; twenty cannot.
        for _ in 0..20 {
            let jobs: Vec<Job> = vec![
                Box::pin(std::future::ready(Ok("a"))),
                Box::pin(std::future::ready(Err("b broke"))),
                never(),
            ];
            rounds.push(gather_partial(jobs, Instant::now()).await);
        }
        (rounds, start.elapsed())
    });
    let expected = vec![Done("a"), Failed("b broke"), Unfinished];
    let off: Vec<_> = rounds
        .iter()
        .filter(|outcomes| **outcomes != expected)
        .collect();
    assert_eq!(
        (off.first(), took),
        (None, Duration::ZERO),
        "with a deadline that has already come, a future that is ready at its first \
         poll still counts (as `timeout_at` has it: it polls the future before it \
         looks at the clock), the others are Unfinished, at once. {} of 20 rounds \
         differed: a race against the deadline that picks at random (select! without \
         `biased;`) or that looks at the clock first gives up on ready futures",
        off.len()
    );
}
