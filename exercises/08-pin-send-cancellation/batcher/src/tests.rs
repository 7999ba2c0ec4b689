//! The tests of the `batcher` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::time::Duration;

use course_kit::watchdog;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep, sleep_until};

use crate::batcher::batch;

const SECOND: Duration = Duration::from_secs(1);

const HANG: &str = "batch never returned. When every sender is dropped, `recv()` gives \
                    None: send what is left and return. (A `Some(message) = \
                    input.recv()` branch is only switched off when it sees None, and \
                    the loop goes on ticking forever; a loop that goes round again at \
                    once on None spins.)";

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// A batch as the tests write it, and when it was received (since the start).
type Timed = (Duration, Vec<String>);

/// Run `batch` with a one-second period on the paused clock. The input gets each
/// `(at, message)` at its time and is closed at `close_at`; the batches come back
/// with the time each was received.
fn run(script: &[(u64, &str)], close_at: u64) -> Vec<Timed> {
    let script: Vec<(Duration, String)> = script
        .iter()
        .map(|&(at, text)| (ms(at), text.to_string()))
        .collect();
    watchdog::paused(watchdog::LIMIT, HANG, move || async move {
        let start = Instant::now();
        let (input, input_rx) = mpsc::channel(16);
        let (output_tx, mut output) = mpsc::channel(16);
        tokio::spawn(async move {
            for (at, text) in script {
                sleep_until(start + at).await;
                input
                    .send(text)
                    .await
                    .expect("batch stopped reading its input");
            }
            sleep_until(start + ms(close_at)).await;
            // `input` is dropped here: the channel is closed.
        });
        let batcher = tokio::spawn(batch(input_rx, output_tx, SECOND));
        let mut batches = Vec::new();
        while let Some(batch) = output.recv().await {
            batches.push((start.elapsed(), batch));
        }
        batcher.await.expect("batch panicked");
        batches
    })
}

fn timed(batches: &[(u64, &[&str])]) -> Vec<Timed> {
    let strings = |batch: &[&str]| batch.iter().map(|s| s.to_string()).collect();
    batches
        .iter()
        .map(|&(at, batch)| (ms(at), strings(batch)))
        .collect()
}

#[test]
fn batches_come_on_a_steady_rhythm_while_messages_keep_arriving() {
    // A message every 0.3s: 0.3, 0.6, ... 2.7s; the input closes right after.
    let script: Vec<(u64, String)> = (1..=9).map(|n| (300 * n, n.to_string())).collect();
    let script: Vec<(u64, &str)> = script.iter().map(|(at, s)| (*at, s.as_str())).collect();
    let batches = run(&script, 2700);
    assert_eq!(
        batches,
        timed(&[
            (1000, &["1", "2", "3"]),
            (2000, &["4", "5", "6"]),
            (2700, &["7", "8", "9"])
        ]),
        "a batch at 1s and 2s, and the rest at the close. One batch of everything at \
         2.7s means the timer never fired: a `sleep(period)` written inside select! \
         is a new timer on every turn, and each message restarts it"
    );
}

#[test]
fn what_is_left_is_sent_at_once_when_the_input_closes() {
    let batches = run(&[(100, "a"), (200, "b")], 500);
    assert_eq!(
        batches,
        timed(&[(500, &["a", "b"])]),
        "the input closed at 0.5s with two messages gathered: they are sent then, not \
         dropped, and not kept until the next tick"
    );
}

#[test]
fn a_quiet_spell_sends_no_empty_batches() {
    let batches = run(&[(500, "a"), (3500, "b")], 3600);
    assert_eq!(
        batches,
        timed(&[(1000, &["a"]), (3600, &["b"])]),
        "ticks at 2s and 3s found nothing gathered and sent nothing; the rhythm counts \
         from the call (a at 0.5s goes out at the 1s tick)"
    );
}

#[test]
fn a_message_arriving_with_the_tick_is_in_one_batch_or_the_next_never_lost() {
    let script = [
        (1000, "at the tick"),
        (1000, "with it"),
        (2000, "again"),
        (2001, "late"),
    ];
    let batches = run(&script, 2500);
    let all: Vec<String> = batches
        .iter()
        .flat_map(|(_, batch)| batch.clone())
        .collect();
    assert_eq!(
        all,
        ["at the tick", "with it", "again", "late"],
        "every message, once, in order, across the batches {batches:?}"
    );
}

#[test]
fn batch_returns_when_nobody_reads_the_batches() {
    let returned = watchdog::paused(
        watchdog::LIMIT,
        "batch never returned after its output was closed: when `output.send` fails, \
         nobody will ever read a batch again; return",
        || async {
            let start = Instant::now();
            let (input, input_rx) = mpsc::channel(16);
            let (output_tx, output) = mpsc::channel(16);
            drop(output);
            let batcher = tokio::spawn(batch(input_rx, output_tx, SECOND));
            input.send("nobody reads this".to_string()).await.unwrap();
            batcher.await.expect("batch panicked");
            drop(input); // kept open until now: only the closed output ends `batch`
            start.elapsed()
        },
    );
    let why = if returned.is_zero() {
        "batch returned at 0s: it sent a batch at once. `tokio::time::interval(period)` \
         completes its first tick immediately; `interval_at(Instant::now() + period, \
         period)` first ticks one period after the call"
    } else {
        "at the first tick (1s), the send failed and batch should have returned then"
    };
    assert_eq!(returned, SECOND, "{why}");
}

#[test]
fn the_first_batch_comes_one_period_after_the_call_not_at_once() {
    // Three messages are already waiting when `batch` starts. The first tick is at 1s,
    // so they go out then, together. Run 16 times: `select!` picks at random among
    // branches that are ready together, so a tick at 0s shows itself in some runs only.
    let rounds = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let mut rounds = Vec::new();
        for _ in 0..16 {
            let start = Instant::now();
            let (input, input_rx) = mpsc::channel(16);
            let (output_tx, mut output) = mpsc::channel(16);
            for text in ["a", "b", "c"] {
                input
                    .send(text.to_string())
                    .await
                    .expect("the channel is open");
            }
            tokio::spawn(async move {
                sleep_until(start + ms(1500)).await;
                drop(input);
            });
            let batcher = tokio::spawn(batch(input_rx, output_tx, SECOND));
            let mut batches = Vec::new();
            while let Some(batch) = output.recv().await {
                batches.push((start.elapsed(), batch));
            }
            batcher.await.expect("batch panicked");
            rounds.push(batches);
        }
        rounds
    });
    let expected = timed(&[(1000, &["a", "b", "c"])]);
    for batches in rounds {
        let why = if batches.iter().any(|(_, batch)| batch.is_empty()) {
            "an empty batch went out: the input closed at 1.5s with nothing gathered since \
             the batch at 1s, and a tick or a close with nothing gathered sends nothing"
        } else if batches.first().is_some_and(|(at, _)| at.is_zero()) {
            "a batch went out at 0s, the moment `batch` was called. \
             `tokio::time::interval(period)` completes its first tick at once, not after \
             one period; `interval_at(Instant::now() + period, period)` starts the rhythm \
             at `period`, as asked"
        } else {
            "the three waiting messages go out together at the first tick, 1s"
        };
        assert_eq!(batches, expected, "{why}");
    }
}

#[test]
fn an_input_that_closes_with_nothing_gathered_sends_no_last_batch() {
    let batches = run(&[(100, "a")], 1500);
    assert_eq!(
        batches,
        timed(&[(1000, &["a"])]),
        "the input closed at 1.5s with nothing gathered since the batch at 1s: no batch \
         then. An empty batch at the close is still an empty batch"
    );
    let batches = run(&[], 500);
    assert_eq!(
        batches,
        timed(&[]),
        "no message at all, so no batch at all, not even one empty batch at the close"
    );
}

#[test]
fn a_full_output_is_waited_for_and_nothing_is_dropped() {
    // The reader takes a batch only every 3s, and the output has room for one: the
    // batcher must wait for room (`send(...).await`), never throw a batch away.
    let (batches, sent) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let start = Instant::now();
        let (input, input_rx) = mpsc::channel(64);
        let (output_tx, mut output) = mpsc::channel(1);
        let sent: Vec<String> = (1..=20).map(|n| n.to_string()).collect();
        let script = sent.clone();
        tokio::spawn(async move {
            for (n, text) in script.into_iter().enumerate() {
                let at = ms(300 * (n as u64 + 1));
                sleep_until(start + at).await;
                input
                    .send(text)
                    .await
                    .expect("batch stopped reading its input");
            }
        });
        let batcher = tokio::spawn(batch(input_rx, output_tx, SECOND));
        let mut batches = Vec::new();
        loop {
            sleep(3 * SECOND).await;
            match output.recv().await {
                Some(batch) => batches.push(batch),
                None => break,
            }
        }
        batcher.await.expect("batch panicked");
        (batches, sent)
    });
    let got: Vec<String> = batches.concat();
    assert_eq!(
        got, sent,
        "the reader was slow and the output full at times; every message must still \
         arrive, once and in order. Missing ones mean a batch was thrown away when the \
         output was full (`try_send`, or a `send` raced against a tick in `select!` \
         and dropped when the tick won): `output.send(batch).await` waits for room"
    );
}
