//! The tests of the `batcher` exercise. Its solution runs this same file, so what
//! passes there is exactly what you are asked for here.

use std::time::Duration;

use course_kit::watchdog;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

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
    assert_eq!(
        returned, SECOND,
        "at the first tick, the send failed and batch returned"
    );
}
