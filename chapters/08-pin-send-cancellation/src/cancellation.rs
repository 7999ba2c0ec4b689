//! Cancellation safety: what becomes of half-done work when `select!` drops a branch.
//!
//! Chapter 3 showed that dropping a future cancels it: it is simply never polled again,
//! and only its `Drop`s run. No `CancelledError` is raised inside it, so there is no
//! `except` or `finally` where it could put back what it had already taken. Whatever
//! the dropped future held in its own locals is gone.
//!
//! `select!` drops every branch but the winner, on every turn of a loop. A branch
//! future is *cancel safe* if dropping it before it finishes loses nothing:
//! `mpsc::Receiver::recv` is (a message is either still in the channel or returned),
//! `AsyncReadExt::read` is (bytes are either still in the stream or in your buffer,
//! and it returns how many). `read_exact` is not. It writes into the slice you gave
//! it, a few bytes at a time, and keeps only in *its own* future how many it has
//! filled so far. Dropped after the first few, it takes that count with it: the bytes
//! are out of the stream, and nothing tells you how much of your slice holds them.
//! tokio's documentation says which of its methods are cancel safe; check it for every
//! branch of a `select!` in a loop.
//!
//! The demo: a sender writes 8-byte frames, each in two halves 300 ms apart, while the
//! reader also keeps a heartbeat every 400 ms. With `read_exact` in the `select!`
//! ([`lossy_reader`]), a heartbeat that lands between two halves throws the first half
//! away, and every frame after it is misaligned. With the reading moved into a task
//! that nothing cancels, and only `recv` in the `select!` ([`safe_reader`]), every
//! frame arrives intact.
//!
//! A `Stream` keeps its work in progress in itself, not in the `next()` future, so
//! `StreamExt::next` is cancel safe *as long as the stream is kept*: a half-read item
//! waits in the stream for the next call ([`stream_reader`]). A stream made afresh
//! on every turn drops that item with it ([`stream_remade_reader`]).

use std::time::Duration;

use std::pin::pin;

use course_kit::Timeline;
use futures::{Stream, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tokio::time::{Instant, interval_at, sleep_until};

/// Every frame is this many bytes.
pub const FRAME: usize = 8;
/// The frames the sender sends: a capital half, then a small half.
pub const FRAMES: [&str; 4] = ["AAAAaaaa", "BBBBbbbb", "CCCCcccc", "DDDDdddd"];
/// The reader's heartbeat.
pub const HEARTBEAT: Duration = Duration::from_millis(400);

/// When the sender writes each half: frames 500 ms apart, halves 300 ms apart, from
/// 50 ms on; no write lands within 50 ms of a heartbeat, so real runs read the same.
fn half_at(frame: usize, half: usize) -> Duration {
    Duration::from_millis(50 + 500 * frame as u64 + 300 * half as u64)
}

// ANCHOR: sender
/// Write [`FRAMES`] in halves, then hang up.
pub async fn send_in_halves(mut pipe: DuplexStream) -> std::io::Result<()> {
    let start = Instant::now();
    for (index, frame) in FRAMES.iter().enumerate() {
        for (half, bytes) in frame.as_bytes().chunks(FRAME / 2).enumerate() {
            sleep_until(start + half_at(index, half)).await;
            pipe.write_all(bytes).await?;
        }
    }
    Ok(())
}
// ANCHOR_END: sender

/// A fresh heartbeat whose first tick is one period from now, not at once.
fn heartbeat() -> tokio::time::Interval {
    interval_at(Instant::now() + HEARTBEAT, HEARTBEAT)
}

// ANCHOR: lossy
/// Read frames while keeping a heartbeat, with `read_exact` as a `select!` branch:
/// NOT cancel safe. A tick that wins while `read_exact` holds half a frame drops it,
/// and those four bytes with it.
pub async fn lossy_reader(mut pipe: DuplexStream, timeline: &Timeline) -> Vec<String> {
    let mut heartbeat = heartbeat();
    let mut frames = Vec::new();
    loop {
        let mut frame = [0; FRAME];
        tokio::select! {
            read = pipe.read_exact(&mut frame) => {
                if read.is_err() {
                    timeline.say("reader", "end of stream");
                    break;
                }
                let text = String::from_utf8_lossy(&frame).into_owned();
                timeline.say("reader", format!("frame {text}"));
                frames.push(text);
            }
            _ = heartbeat.tick() => timeline.say("heartbeat", "tick"),
        }
    }
    frames
}
// ANCHOR_END: lossy

// ANCHOR: safe
/// The same loop, cancel safe: the `read_exact`s run in a task of their own, which no
/// `select!` ever drops, and hand whole frames over a channel. The loop's branch is
/// `recv`, which loses nothing when a tick wins: an unreceived frame stays queued.
pub async fn safe_reader(mut pipe: DuplexStream, timeline: &Timeline) -> Vec<String> {
    let (frames_tx, mut frames_rx) = mpsc::channel(8);
    tokio::spawn(async move {
        let mut frame = [0; FRAME];
        while pipe.read_exact(&mut frame).await.is_ok() {
            if frames_tx.send(frame).await.is_err() {
                break; // the loop below is gone; nobody wants more frames
            }
        }
    });
    let mut heartbeat = heartbeat();
    let mut frames = Vec::new();
    loop {
        tokio::select! {
            frame = frames_rx.recv() => {
                let Some(frame) = frame else {
                    timeline.say("reader", "end of stream");
                    break;
                };
                let text = String::from_utf8_lossy(&frame).into_owned();
                timeline.say("reader", format!("frame {text}"));
                frames.push(text);
            }
            _ = heartbeat.tick() => timeline.say("heartbeat", "tick"),
        }
    }
    frames
}
// ANCHOR_END: safe

// ANCHOR: frames_stream
/// The frames of `pipe` as a `Stream`, one `read_exact` per item. The read in
/// progress lives in the stream (in `unfold`'s state), not in the future `next()`
/// returns: dropping that future leaves the half-read frame where it was.
pub fn frames<R: AsyncRead + Unpin>(pipe: R) -> impl Stream<Item = [u8; FRAME]> {
    futures::stream::unfold(pipe, |mut pipe| async move {
        let mut frame = [0; FRAME];
        pipe.read_exact(&mut frame).await.ok()?;
        Some((frame, pipe))
    })
}

/// The heartbeat loop over a stream made once, before the loop: cancel safe.
pub async fn stream_reader(pipe: DuplexStream, timeline: &Timeline) -> Vec<String> {
    let mut frames = pin!(frames(pipe));
    let mut heartbeat = heartbeat();
    let mut received = Vec::new();
    loop {
        tokio::select! {
            frame = frames.next() => {
                let Some(frame) = frame else { break };
                let text = String::from_utf8_lossy(&frame).into_owned();
                timeline.say("reader", format!("frame {text}"));
                received.push(text);
            }
            _ = heartbeat.tick() => timeline.say("heartbeat", "tick"),
        }
    }
    received
}
// ANCHOR_END: frames_stream

// ANCHOR: stream_remade
/// The same loop with the stream made inside the `select!`: a new stream every turn,
/// dropped with the losing branch, and its half-read frame with it.
pub async fn stream_remade_reader(mut pipe: DuplexStream, timeline: &Timeline) -> Vec<String> {
    let mut heartbeat = heartbeat();
    let mut received = Vec::new();
    loop {
        tokio::select! {
            // A new stream on every turn, dropped with the branch when a tick wins.
            frame = async { pin!(frames(&mut pipe)).next().await } => {
                let Some(frame) = frame else { break };
                let text = String::from_utf8_lossy(&frame).into_owned();
                timeline.say("reader", format!("frame {text}"));
                received.push(text);
            }
            _ = heartbeat.tick() => timeline.say("heartbeat", "tick"),
        }
    }
    received
}
// ANCHOR_END: stream_remade

#[cfg(test)]
mod tests {
    use super::*;

    /// Run the sender against one of the readers, on whatever clock the test has.
    async fn run<R, F>(reader: R) -> (Vec<String>, Timeline)
    where
        R: FnOnce(DuplexStream, Timeline) -> F,
        F: Future<Output = Vec<String>>,
    {
        let timeline = Timeline::quiet();
        let (sender_end, reader_end) = tokio::io::duplex(64);
        let sender = tokio::spawn(send_in_halves(sender_end));
        let frames = reader(reader_end, timeline.clone()).await;
        sender.await.unwrap().unwrap();
        (frames, timeline)
    }

    #[tokio::test(start_paused = true)]
    async fn read_exact_in_select_loses_a_half_frame_and_misaligns_the_rest() {
        let (frames, timeline) =
            run(|pipe, timeline| async move { lossy_reader(pipe, &timeline).await }).await;
        assert_eq!(
            frames,
            ["AAAAaaaa", "bbbbCCCC", "ccccDDDD"],
            "BBBB was read, then dropped with read_exact at the 0.8s tick"
        );
        assert_eq!(
            timeline.when("reader", "frame bbbbCCCC"),
            Some(Duration::from_millis(1050))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn recv_in_select_keeps_every_frame_whole() {
        let (frames, timeline) =
            run(|pipe, timeline| async move { safe_reader(pipe, &timeline).await }).await;
        assert_eq!(frames, FRAMES);
        let ticks = timeline
            .events()
            .iter()
            .filter(|e| e.lane == "heartbeat")
            .count();
        assert_eq!(
            ticks, 4,
            "ticks at 0.4, 0.8, 1.2 and 1.6s, none lost either"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn next_on_a_stream_kept_across_turns_keeps_the_half_read_frame() {
        let (frames, timeline) =
            run(|pipe, timeline| async move { stream_reader(pipe, &timeline).await }).await;
        assert_eq!(
            frames, FRAMES,
            "the tick at 0.8s dropped next(), not the stream's read"
        );
        assert_eq!(
            timeline.when("reader", "frame BBBBbbbb"),
            Some(Duration::from_millis(850))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_stream_made_again_every_turn_loses_its_half_read_frame() {
        let (frames, _) =
            run(|pipe, timeline| async move { stream_remade_reader(pipe, &timeline).await }).await;
        assert_eq!(frames, ["AAAAaaaa", "bbbbCCCC", "ccccDDDD"]);
    }
}
