//! The `Stream` trait: async iteration, `async for` in Rust.
//!
//! An `Iterator` gives its values with `next()`; a [`Stream`] gives them with
//! `next().await`, because each may take time to arrive. It is Python's async
//! iterator (`__anext__`), and `while let Some(x) = stream.next().await` is
//! `async for x in stream`. The trait lives in the `futures` crate, with the adapters
//! (`map`, `filter`, `take`, `buffer_unordered`) in [`StreamExt`], as `Iterator`'s
//! adapters are methods of `Iterator`.
//!
//! Under the adapters, a stream is one method, `poll_next`, which answers
//! `Poll::Ready(Some(value))`, `Poll::Ready(None)` (the end, Python's
//! `StopAsyncIteration`) or `Poll::Pending` (nothing yet; the waker will say when).
//! A channel receiver already has that method under another name, so turning one
//! into a stream takes a line.

use std::time::Duration;

use course_kit::Timeline;
use futures::stream::{self, Stream, StreamExt};
use tokio::io::{AsyncBufRead, AsyncBufReadExt};
use tokio::sync::mpsc;

// ANCHOR: ticker
/// Python's async generator
/// `async def ticker(n, every): for i in range(n): await asyncio.sleep(every); yield i`.
///
/// `unfold` threads a state through an async closure: each call returns the next
/// value and the state for the call after, or `None` to end.
pub fn ticker(n: u32, every: Duration) -> impl Stream<Item = u32> {
    stream::unfold(0, move |i| async move {
        if i == n {
            return None;
        }
        tokio::time::sleep(every).await;
        Some((i, i + 1))
    })
}
// ANCHOR_END: ticker

// ANCHOR: closed_on_drop
/// What a stream's `finally:` looks like: a value whose `Drop` runs when the stream
/// is dropped, the moment it is, whether or not the stream had finished.
pub struct OnClose {
    pub name: &'static str,
    pub timeline: Timeline,
}

impl Drop for OnClose {
    fn drop(&mut self) {
        self.timeline.say(self.name, "closed");
    }
}

/// Python's `ticks()` async generator with a `finally:`. The guard lives in the
/// stream's state, so dropping the stream drops it.
pub fn ticks(closed: OnClose) -> impl Stream<Item = u32> {
    stream::unfold((1, closed), |(n, closed)| async move {
        tokio::task::yield_now().await;
        Some((n, (n + 1, closed)))
    })
}

/// Take two ticks, then leave the loop: the stream is dropped at the end of the
/// block, and its cleanup runs right there, before the next line.
pub async fn leave_half_way(timeline: &Timeline) {
    {
        let mut stream = std::pin::pin!(ticks(OnClose {
            name: "ticks",
            timeline: timeline.clone(),
        }));
        while let Some(n) = stream.next().await {
            if n == 2 {
                break;
            }
        }
    }
    timeline.say("main", "left the loop");
}
// ANCHOR_END: closed_on_drop

// ANCHOR: from_channel
/// A channel receiver as a stream. `poll_recv` is already a `poll_next` in all but
/// name; `poll_fn` puts the name on. (The `tokio-stream` crate's `ReceiverStream`
/// is this wrapper.)
pub fn from_channel<T>(mut receiver: mpsc::Receiver<T>) -> impl Stream<Item = T> {
    stream::poll_fn(move |cx| receiver.poll_recv(cx))
}
// ANCHOR_END: from_channel

// ANCHOR: lines
/// The lines of a socket (or anything buffered) as a stream: Python's
/// `async for line in reader`. A read error ends the stream as an `Err` item.
pub fn lines<R>(reader: R) -> impl Stream<Item = std::io::Result<String>>
where
    R: AsyncBufRead + Unpin,
{
    stream::unfold(reader.lines(), |mut lines| async move {
        // `next_line` gives `Result<Option<_>>`; a stream item is `Option<Result<_>>`.
        lines
            .next_line()
            .await
            .transpose()
            .map(|line| (line, lines))
    })
}
// ANCHOR_END: lines

// ANCHOR: buffer_unordered
/// Run one job per entry of `durations`, at most `limit` at a time, and return the
/// job numbers in the order they finished.
///
/// `map` turns each job number into a future (which does nothing yet: futures are
/// lazy); `buffer_unordered(limit)` polls up to `limit` of them at once and yields
/// each result as soon as it is ready. Python needs an `asyncio.Semaphore(limit)`
/// around each job and a `gather`.
pub async fn run_bounded(durations: &[Duration], limit: usize, timeline: Timeline) -> Vec<usize> {
    stream::iter(durations.iter().copied().enumerate())
        .map(|(job, took)| {
            let timeline = timeline.clone();
            async move {
                let lane = format!("job {job}");
                timeline.say(&lane, "start");
                tokio::time::sleep(took).await;
                timeline.say(&lane, "done");
                job
            }
        })
        .buffer_unordered(limit)
        .collect()
        .await
}
// ANCHOR_END: buffer_unordered

/// The most jobs that were running at one moment, from a `run_bounded` timeline.
pub fn most_at_once(timeline: &Timeline) -> usize {
    let (mut running, mut most) = (0usize, 0usize);
    for event in timeline.events() {
        match event.what.as_str() {
            "start" => running += 1,
            "done" => running = running.saturating_sub(1),
            _ => {}
        }
        most = most.max(running);
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test]
    async fn a_stream_left_half_way_is_closed_when_it_is_dropped_not_later() {
        let timeline = Timeline::quiet();
        leave_half_way(&timeline).await;
        let events: Vec<_> = timeline
            .events()
            .into_iter()
            .map(|e| format!("{}: {}", e.lane, e.what))
            .collect();
        assert_eq!(
            events,
            ["ticks: closed", "main: left the loop"],
            "the cleanup ran at the drop, before the next line"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_stream_yields_each_value_when_it_is_ready() {
        let start = Instant::now();
        let mut ticks = std::pin::pin!(ticker(3, Duration::from_secs(1)));
        let mut seen = Vec::new();
        while let Some(tick) = ticks.next().await {
            seen.push((tick, start.elapsed().as_secs()));
        }
        assert_eq!(
            seen,
            [(0, 1), (1, 2), (2, 3)],
            "one tick a second, then the end"
        );
    }

    #[tokio::test]
    async fn a_channel_becomes_a_stream_that_ends_when_the_senders_are_gone() {
        let (tx, rx) = mpsc::channel(4);
        tokio::spawn(async move {
            for word in ["stream", "is", "like", "a", "channel"] {
                tx.send(word).await.unwrap();
            }
        });
        let long: Vec<&str> = from_channel(rx)
            .filter(|w| std::future::ready(w.len() > 2))
            .collect()
            .await;
        assert_eq!(long, ["stream", "like", "channel"]);
    }

    #[tokio::test]
    async fn lines_of_a_reader_come_out_as_a_stream() {
        let input: &[u8] = b"one\ntwo\r\nthree";
        let got: Vec<String> = lines(input).map(|l| l.unwrap()).collect().await;
        assert_eq!(
            got,
            ["one", "two", "three"],
            "a last line without a newline still counts"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn ten_one_second_jobs_three_at_a_time_take_four_seconds() {
        let timeline = Timeline::quiet();
        let jobs = [Duration::from_secs(1); 10];
        let finished = run_bounded(&jobs, 3, timeline.clone()).await;
        assert_eq!(finished.len(), 10);
        assert_eq!(most_at_once(&timeline), 3, "never more than the limit");
        assert_eq!(
            timeline.end(),
            Duration::from_secs(4),
            "3 + 3 + 3 + 1 jobs: four rounds"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn buffer_unordered_yields_results_as_they_finish() {
        let timeline = Timeline::quiet();
        let jobs = [3, 1, 2].map(Duration::from_secs);
        let finished = run_bounded(&jobs, 3, timeline).await;
        assert_eq!(
            finished,
            [1, 2, 0],
            "the shortest job first, not the first job"
        );
    }
}
