//! The tests of the `pipeline` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.
//!
//! They run on tokio's paused clock: the sink's "work" is a `sleep`, which ends at
//! once in real time while the clock still moves by exactly its length, so the
//! `Timeline` stamps are exact seconds. A pipeline that never ends is caught by a
//! timeout on that same clock: when every task waits and nothing can wake them,
//! the paused clock jumps straight to the timeout, so the test fails at once and
//! says why.

use std::future::Future;
use std::time::Duration;

use course_kit::{Timeline, watchdog};
use tokio::sync::mpsc;
use tokio::time::{Instant, timeout};

use crate::pipeline::{Overflow, pipeline, source, square};

/// Longer than any pipeline here takes on the paused clock.
const PATIENCE: Duration = Duration::from_secs(3600);

const NEVER_ENDED: &str = "The pipeline never finished: every task is waiting and nothing \
     will wake them. Each stage ends when `recv` returns `None`, and that happens only \
     once every `Sender` of its channel is dropped. Is a `Sender` (or a clone) still \
     alive, kept in a variable of `pipeline` while the sink runs? Move each one into \
     the task that sends on it.";

const STUCK: &str = "The pipeline did not finish. If the watchdog found a blocking call, \
     a stage waits with `std::thread::sleep` (Python's `time.sleep` inside `async def`): \
     it holds the only thread, so no other stage runs; `tokio::time::sleep(work).await` \
     lets them. If nothing woke it: a channel never closed, because a `Sender` is still \
     alive somewhere.";

/// Run `test` on the paused clock, inside the watchdog.
#[track_caller]
fn run_paused<F: Future<Output = ()>>(test: impl FnOnce() -> F + Send + 'static) {
    watchdog::paused(watchdog::LIMIT, STUCK, test);
}

/// Run the whole pipeline; fail with [`NEVER_ENDED`] if it does not finish.
async fn run_pipeline(inputs: Vec<u64>, capacity: usize, log: &Timeline) -> (Vec<u64>, Duration) {
    let started = Instant::now();
    let work = Duration::from_secs(1);
    let out = timeout(PATIENCE, pipeline(inputs, capacity, work, log.clone()))
        .await
        .unwrap_or_else(|_| panic!("{NEVER_ENDED}"))
        .unwrap_or_else(|overflow| {
            panic!("the pipeline failed with {overflow:?}, but every square here fits in a u64")
        });
    (out, started.elapsed())
}

/// When the source said `sent n`, in whole seconds, in order.
fn send_times(log: &Timeline) -> Vec<u64> {
    log.events()
        .iter()
        .filter(|e| e.lane == "source")
        .map(|e| e.at.as_secs())
        .collect()
}

#[test]
fn values_come_out_squared_and_in_order() {
    run_paused(|| async {
        let (out, _) = run_pipeline(vec![3, 0, 5, 1, 4, 2], 1, &Timeline::quiet()).await;
        assert_eq!(
            out,
            [9, 0, 25, 1, 16, 4],
            "each input squared, in the order sent"
        );
    });
}

#[test]
fn a_slow_sink_holds_the_source_back() {
    run_paused(|| async {
        let log = Timeline::quiet();
        run_pipeline((0..6).collect(), 1, &log).await;
        let got = send_times(&log);
        assert_eq!(
            got,
            [0, 0, 0, 0, 1, 2],
            "the source's sends happened at {got:?} s. With channels of capacity 1, four \
             values fit in the pipeline (one in each channel, one held by `square` while \
             it waits to send, one in the sink's hands); after that the source can send \
             only when the sink takes one, once a second. All at 0 s means nothing held \
             the source back: an unbounded channel (`unbounded_channel`, or Python's \
             `Queue()` with no maxsize) lets a fast producer pile up values without \
             limit. Or is `sent` logged before `send(...).await` instead of after it?"
        );
    });
}

#[test]
fn with_room_for_everything_the_source_never_waits() {
    run_paused(|| async {
        let log = Timeline::quiet();
        run_pipeline((0..6).collect(), 6, &log).await;
        let got = send_times(&log);
        assert_eq!(
            got, [0; 6],
            "with channels of capacity 6 every value fits, so every send should happen \
             at 0 s; they happened at {got:?} s. Is `capacity` passed to both channels?"
        );
    });
}

#[test]
fn the_pipeline_runs_at_the_pace_of_its_slowest_stage() {
    run_paused(|| async {
        let log = Timeline::quiet();
        let (_, took) = run_pipeline((0..6).collect(), 1, &log).await;
        assert_eq!(
            took,
            Duration::from_secs(6),
            "six values, a second each in the sink, should take 6 s; it took {took:?}"
        );
        let last = log.when("sink", "got 25");
        assert_eq!(
            last,
            Some(Duration::from_secs(5)),
            "the sink should take the last value (25) at 5 s, after 5 seconds of work; \
             the log says {last:?}"
        );
    });
}

#[test]
fn an_empty_input_gives_an_empty_output() {
    run_paused(|| async {
        let (out, took) = run_pipeline(Vec::new(), 1, &Timeline::quiet()).await;
        assert!(out.is_empty(), "nothing in, nothing out; got {out:?}");
        assert_eq!(took, Duration::ZERO, "with nothing to do, it ends at once");
    });
}

#[test]
fn the_source_stops_when_the_next_stage_is_gone() {
    run_paused(|| async {
        let log = Timeline::quiet();
        let (tx, rx) = mpsc::channel(1);
        drop(rx); // the next stage has gone (it failed, or was cancelled)
        timeout(PATIENCE, source((0..1000).collect(), tx, log.clone()))
            .await
            .unwrap_or_else(|_| panic!("`source` never returned after its receiver was dropped"));
        let sent = send_times(&log).len();
        assert_eq!(
            sent, 0,
            "nobody is receiving, yet the source said `sent` {sent} times. `send` returns \
             an error when the receiver is gone: Python's `await queue.put(x)` cannot \
             fail, but a Rust channel can, and a stage should stop there instead of \
             `let _ = out.send(n).await` and carrying on."
        );
    });
}

#[test]
fn square_stops_when_the_next_stage_is_gone() {
    run_paused(|| async {
        let (numbers, numbers_out) = mpsc::channel(4);
        let (squares, squares_out) = mpsc::channel(4);
        drop(squares_out); // the sink has gone
        numbers.send(7).await.expect("`square` holds the receiver");
        // The test keeps `numbers` open: only the failed send can end `square` now.
        let ended = timeout(PATIENCE, square(numbers_out, squares)).await;
        assert!(
            ended.is_ok(),
            "`square` got a value, could not send it on (its receiver is gone), and \
             went on waiting for more instead of returning. Check the result of \
             `out.send(...).await`: an error means nobody will ever read what this \
             stage makes, so it should stop (and drop its receiver, which tells the \
             stage before it to stop too)."
        );
        drop(numbers);
    });
}

/// 2^32: the smallest number whose square does not fit in a u64.
const TOO_BIG: u64 = 1 << 32;

#[test]
fn a_square_too_big_for_a_u64_fails_the_pipeline() {
    run_paused(|| async {
        let log = Timeline::quiet();
        let got = timeout(
            PATIENCE,
            pipeline(vec![3, TOO_BIG, 5], 1, Duration::from_secs(1), log),
        )
        .await
        .unwrap_or_else(|_| panic!("{NEVER_ENDED}"));
        let why = match &got {
            Ok(values) if values.len() < 3 => format!(
                "the pipeline returned Ok({values:?}): some values vanished without an \
                 error. `n * n` panics in a debug build when the square does not fit (a \
                 release build wraps around silently), and a panic inside a spawned task \
                 only ends that task: its channel closes, and the sink sees a normal end. \
                 Use `n.checked_mul(n)`, return `Err(Overflow(n))` from `square`, and \
                 have `pipeline` await `square`'s `JoinHandle` for its result."
            ),
            Ok(values) => format!(
                "the pipeline returned Ok({values:?}): the square of 2^32 was wrapped \
                 around or cut to fit, and a wrong number went on. `checked_mul` says when \
                 a square does not fit."
            ),
            Err(_) => String::new(),
        };
        assert_eq!(got, Err(Overflow(TOO_BIG)), "{why}");
    });
}

#[test]
fn after_an_overflow_the_source_stops() {
    run_paused(|| async {
        let log = Timeline::quiet();
        let mut inputs = vec![1, TOO_BIG];
        inputs.extend([1; 1000]);
        let got = timeout(
            PATIENCE,
            pipeline(inputs, 1, Duration::from_secs(1), log.clone()),
        )
        .await
        .unwrap_or_else(|_| panic!("{NEVER_ENDED}"));
        assert_eq!(got, Err(Overflow(TOO_BIG)));
        let times = send_times(&log);
        let sent = times.len();
        let why = if sent > 10 && times.iter().all(|&at| at == 0) {
            "all of them at 0 s: nothing held the source back, so it had sent everything \
             before `square` even met 2^32. Are both channels bounded by `capacity`?"
        } else {
            "When `square` returns, its receiver is dropped, and the source's next `send` \
             fails: a `square` that skips the bad value and goes on keeps the whole \
             pipeline working for a result that is already an error."
        };
        assert!(
            sent <= 10,
            "after `square` refused 2^32, the source still sent {sent} values; {why}"
        );
    });
}

#[test]
fn square_passes_on_what_fits_and_refuses_what_does_not() {
    run_paused(|| async {
        let (numbers, numbers_out) = mpsc::channel(4);
        let (squares, mut squares_out) = mpsc::channel(4);
        numbers.send(2).await.expect("`square` holds the receiver");
        numbers
            .send(TOO_BIG)
            .await
            .expect("`square` holds the receiver");
        // Kept open: only the refusal can end `square` now.
        let ended = timeout(PATIENCE, square(numbers_out, squares)).await;
        assert_eq!(
            ended,
            Ok(Err(Overflow(TOO_BIG))),
            "`square` got 2, then 2^32, whose square does not fit in a u64: it should \
             pass on 4 and then return `Err(Overflow(4294967296))` at once"
        );
        assert_eq!(squares_out.recv().await, Some(4), "2 squared, passed on");
        drop(numbers);
    });
}
