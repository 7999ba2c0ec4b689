//! `tokio::sync::mpsc`: the channel, and back-pressure.
//!
//! The notes say a stream "can be understood as a channel": bytes go in at one end
//! and come out at the other, in order. An in-process channel is the same thing for
//! values, between tasks. Python's nearest is `asyncio.Queue`.
//!
//! A *bounded* channel has room for `capacity` values. When it is full, `send(...)
//! .await` waits until the receiver takes one: a producer that runs ahead of its
//! consumer is slowed to the consumer's pace instead of filling memory. That is
//! back-pressure, and sockets have it too: `write_all` waits when the peer's buffer
//! is full, as Python's `await writer.drain()` does.

use std::time::Duration;

use course_kit::Timeline;
use tokio::sync::mpsc;

// ANCHOR: backpressure
/// A producer that sends `items` values as fast as it can, a consumer that takes
/// `work` over each, joined by a channel with room for `capacity`. Every send and
/// receive is stamped on `timeline`.
pub async fn produce_and_consume(items: u32, capacity: usize, work: Duration, timeline: Timeline) {
    let (tx, mut rx) = mpsc::channel::<u32>(capacity);

    let log = timeline.clone();
    let producer = tokio::spawn(async move {
        for item in 0..items {
            // Waits while the channel is full: this is where back-pressure bites.
            if tx.send(item).await.is_err() {
                break; // the consumer is gone; nobody would read the rest
            }
            log.say("producer", format!("sent {item}"));
        }
        // Dropping `tx` closes the channel: the consumer's `recv` then gives `None`,
        // Rust's version of putting a sentinel on an asyncio.Queue.
    });

    while let Some(item) = rx.recv().await {
        timeline.say("consumer", format!("got {item}"));
        tokio::time::sleep(work).await;
    }
    // The producer has finished once the channel is closed; this cannot fail unless
    // it panicked, and then the timeline already shows where.
    let _ = producer.await;
}
// ANCHOR_END: backpressure

/// When each value was sent, in seconds: what the tests and the book compare.
pub fn send_times(timeline: &Timeline) -> Vec<f64> {
    timeline
        .events()
        .iter()
        .filter(|e| e.lane == "producer")
        .map(|e| e.at.as_secs_f64())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_full_channel_holds_the_producer_to_the_consumers_pace() {
        let timeline = Timeline::quiet();
        produce_and_consume(5, 2, Duration::from_secs(1), timeline.clone()).await;
        // Two wait in the channel and one is in the consumer's hands: three sends
        // succeed at once, then one more each time the consumer takes one.
        assert_eq!(send_times(&timeline), [0.0, 0.0, 0.0, 1.0, 2.0]);
        assert_eq!(
            timeline.end(),
            Duration::from_secs(4),
            "the last `got` is at 4s"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn with_room_for_everything_the_producer_never_waits() {
        let timeline = Timeline::quiet();
        produce_and_consume(5, 5, Duration::from_secs(1), timeline.clone()).await;
        assert_eq!(send_times(&timeline), [0.0; 5]);
    }

    #[tokio::test(start_paused = true)]
    async fn values_arrive_in_the_order_sent() {
        let timeline = Timeline::quiet();
        produce_and_consume(5, 1, Duration::from_millis(10), timeline.clone()).await;
        let got: Vec<String> = timeline
            .events()
            .into_iter()
            .filter(|e| e.lane == "consumer")
            .map(|e| e.what)
            .collect();
        assert_eq!(got, ["got 0", "got 1", "got 2", "got 3", "got 4"]);
    }
}
