//! Exercise 2, solved: a pipeline of stages joined by bounded channels.

use std::time::Duration;

use course_kit::Timeline;
use tokio::sync::mpsc;

// ANCHOR: solution
/// `square` met a value whose square does not fit in a `u64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow(pub u64);

/// Send each input in order on `out`; after each send, say `sent {n}` on the
/// lane "source" of `log`. Stop early if the next stage has gone.
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

/// Receive values until the channel closes, and send on each one squared. Stop
/// early if the next stage has gone.
pub async fn square(
    mut input: mpsc::Receiver<u64>,
    out: mpsc::Sender<u64>,
) -> Result<(), Overflow> {
    while let Some(n) = input.recv().await {
        // A Python int squares without limit; a u64 does not, and `n * n` would
        // panic (debug build) or wrap around (release). Refuse the value: returning
        // drops both channel ends, which stops the stages on either side.
        let square = n.checked_mul(n).ok_or(Overflow(n))?;
        if out.send(square).await.is_err() {
            // Nobody will read what we make. Returning drops `input` too, which
            // tells the stage before us to stop in turn.
            return Ok(());
        }
    }
    Ok(())
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
) -> Result<Vec<u64>, Overflow> {
    let (numbers, numbers_out) = mpsc::channel(capacity);
    let (squares, squares_out) = mpsc::channel(capacity);
    // Each Sender is moved into the task that uses it, so when that task ends, no
    // Sender is left and the channel closes. Keeping one here would hang the sink.
    tokio::spawn(source(inputs, numbers, log.clone()));
    let squaring = tokio::spawn(square(numbers_out, squares));
    let results = sink(squares_out, work, log).await;
    // The sink has seen the end, so `square` has ended too: its result says whether
    // it ended well. (A panic in it is carried on, as a Python exception would be.)
    match squaring.await {
        Ok(Ok(())) => Ok(results),
        Ok(Err(overflow)) => Err(overflow),
        Err(crashed) => std::panic::resume_unwind(crashed.into_panic()),
    }
}
// ANCHOR_END: solution
