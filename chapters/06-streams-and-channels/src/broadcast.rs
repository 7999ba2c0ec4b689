//! `tokio::sync::broadcast`: every receiver gets every message.
//!
//! An mpsc channel hands each value to *one* receiver. A chat room needs the
//! opposite: each message to *every* member. Python has no such queue; the usual
//! answer is a list of `asyncio.Queue`s, one per member, and a loop that puts the
//! message in each.
//!
//! A broadcast channel keeps the last `capacity` messages in one shared ring (rounded
//! up to a power of two: `channel(3)` keeps 4), and each receiver has its own place in
//! it. A receiver that falls more than that many behind does not hold the sender up (that would let one slow member freeze the
//! room): it loses the oldest messages and is told how many, with
//! [`RecvError::Lagged`]. That is the opposite choice to the bounded mpsc channel,
//! which makes the sender wait.

use std::time::Duration;

use course_kit::Timeline;
use tokio::sync::broadcast::{self, error::RecvError};

// ANCHOR: chat_room
/// A member of the room: reads until the room closes, after `delay` (a member who
/// looks away for a while), and says on `timeline` what it read.
async fn member(
    name: &'static str,
    mut inbox: broadcast::Receiver<String>,
    delay: Duration,
    timeline: Timeline,
) {
    tokio::time::sleep(delay).await;
    loop {
        match inbox.recv().await {
            Ok(message) => timeline.say(name, format!("read {message:?}")),
            // Not an error to stop on: note the gap and carry on from the oldest
            // message still kept.
            Err(RecvError::Lagged(missed)) => timeline.say(name, format!("missed {missed}")),
            // Every sender is gone: the room is closed.
            Err(RecvError::Closed) => break,
        }
    }
}

/// Alice sends `messages` to a room that keeps `capacity` of them, one every 100ms.
/// Bob reads as they come; Carol looks away for a second first.
pub async fn chat_room(messages: &[&str], capacity: usize, timeline: Timeline) {
    let (room, bob_inbox) = broadcast::channel::<String>(capacity);
    // Each `subscribe` is a new receiver that sees what is sent from now on.
    let carol_inbox = room.subscribe();
    let bob = tokio::spawn(member("bob", bob_inbox, Duration::ZERO, timeline.clone()));
    let carol = tokio::spawn(member(
        "carol",
        carol_inbox,
        Duration::from_secs(1),
        timeline.clone(),
    ));

    for message in messages {
        // `send` never waits. It fails only when nobody is subscribed.
        let receivers = room.send(message.to_string()).unwrap_or(0);
        timeline.say("alice", format!("sent {message:?} to {receivers}"));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(room); // closes the room, so both members' loops end
    let _ = tokio::join!(bob, carol);
}
// ANCHOR_END: chat_room

#[cfg(test)]
mod tests {
    use super::*;

    fn said(timeline: &Timeline, lane: &str) -> Vec<String> {
        timeline
            .events()
            .into_iter()
            .filter(|e| e.lane == lane)
            .map(|e| e.what)
            .collect()
    }

    #[tokio::test(start_paused = true)]
    async fn a_member_who_keeps_up_reads_every_message() {
        let timeline = Timeline::quiet();
        chat_room(&["a", "b", "c", "d", "e"], 2, timeline.clone()).await;
        assert_eq!(
            said(&timeline, "bob"),
            [
                "read \"a\"",
                "read \"b\"",
                "read \"c\"",
                "read \"d\"",
                "read \"e\""
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_member_who_falls_behind_loses_the_oldest_and_is_told_how_many() {
        let timeline = Timeline::quiet();
        chat_room(&["a", "b", "c", "d", "e"], 2, timeline.clone()).await;
        assert_eq!(
            said(&timeline, "carol"),
            ["missed 3", "read \"d\"", "read \"e\""],
            "the room keeps 2 messages, so of 5 Carol finds the last 2"
        );
    }

    #[tokio::test]
    async fn the_capacity_is_rounded_up_to_a_power_of_two() {
        let (room, mut late) = broadcast::channel::<u32>(3);
        for n in 1..=6 {
            room.send(n).unwrap();
        }
        assert_eq!(
            late.recv().await,
            Err(RecvError::Lagged(2)),
            "channel(3) keeps 4 messages, so of 6 only the first 2 are lost"
        );
        assert_eq!(late.recv().await, Ok(3));
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_member_never_holds_the_sender_up() {
        let timeline = Timeline::quiet();
        chat_room(&["a", "b", "c", "d", "e"], 2, timeline.clone()).await;
        assert_eq!(
            timeline.when("alice", "sent \"e\" to 2"),
            Some(Duration::from_millis(400)),
            "one send every 100ms, whatever Carol does"
        );
    }
}
