//! WRONG: `pipeline` keeps a clone of a `Sender` while the sink runs, so that
//! channel never closes, the sink's `recv` never returns `None`, and nothing ends.

use std::time::Duration;

use course_kit::Timeline;
use tokio::sync::mpsc;

/// Send each input in order on `out`; after each send, say `sent {n}` on the
/// lane "source" of `log`.
pub async fn source(inputs: Vec<u64>, out: mpsc::Sender<u64>, log: Timeline) {
    for n in inputs {
        // Waits while the channel is full: the back-pressure the tests measure.
        if out.send(n).await.is_err() {
            return; // the next stage is gone
        }
        log.say("source", format!("sent {n}"));
    }
    // `out` is dropped here, which closes the channel: the next stage's `None`.
}

/// Receive values until the channel closes, and send on each one squared.
pub async fn square(mut input: mpsc::Receiver<u64>, out: mpsc::Sender<u64>) {
    while let Some(n) = input.recv().await {
        if out.send(n * n).await.is_err() {
            return;
        }
    }
}

/// Receive values until the channel closes. For each: say `got {n}` on the lane
/// "sink" of `log`, then take `work` over it (sleep). Returns the values in order.
pub async fn sink(mut input: mpsc::Receiver<u64>, work: Duration, log: Timeline) -> Vec<u64> {
    let mut results = Vec::new();
    while let Some(n) = input.recv().await {
        log.say("sink", format!("got {n}"));
        tokio::time::sleep(work).await;
        results.push(n);
    }
    results
}

/// Join the three stages with two channels of `capacity`, run them all, and
/// return what the sink collected.
pub async fn pipeline(
    inputs: Vec<u64>,
    capacity: usize,
    work: Duration,
    log: Timeline,
) -> Vec<u64> {
    let (numbers, numbers_out) = mpsc::channel(capacity);
    let (squares, squares_out) = mpsc::channel(capacity);
    // Each Sender is moved into the task that uses it, so when that task ends, no
    // Sender is left and the channel closes. Keeping one here would hang the sink.
    let _keep = squares.clone(); // "in case we need to send more"
    tokio::spawn(source(inputs, numbers, log.clone()));
    tokio::spawn(square(numbers_out, squares));
    sink(squares_out, work, log).await
}
