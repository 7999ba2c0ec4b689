//! Elapsed-time stamps and timelines: how the course shows what ran when.
//!
//! Python's notes print `started at 17:13:52` and `finished at 17:13:55` and leave
//! the subtraction to the reader. Here every line carries the time since the demo
//! began, `[ 1.00s] hello`, so an overlap (or its absence) is visible at a glance.
//!
//! The clock is tokio's [`tokio::time::Instant`]. Outside a runtime it is the system's
//! monotonic clock; inside a test runtime started with `start_paused = true` it is the
//! paused clock, so a test can assert "finished at 3.00s" about a run that took a few
//! microseconds of real time.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

/// A clock started at the beginning of a demo.
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch {
    start: Instant,
}

impl Stopwatch {
    pub fn start() -> Self {
        Stopwatch {
            start: Instant::now(),
        }
    }

    /// Time since [`Stopwatch::start`].
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// The stamp for now: `[ 1.00s]`.
    pub fn stamp(&self) -> Stamp {
        Stamp(self.elapsed())
    }

    /// Print `what` behind the stamp for now.
    pub fn say(&self, what: impl fmt::Display) {
        println!("{} {what}", self.stamp());
    }
}

/// An elapsed time printed as `[ 1.00s]`: seconds with two decimals, padded so that
/// a column of stamps lines up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp(pub Duration);

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:5.2}s]", self.0.as_secs_f64())
    }
}

/// One thing that happened, on one lane (a task, a thread, a client), at one time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: Duration,
    pub lane: String,
    pub what: String,
}

/// A shared record of events from many tasks, printed as they happen and kept for
/// tests to assert on and for [`Timeline::chart`] to draw.
///
/// Cloning is cheap (an `Arc`); hand a clone to every task.
#[derive(Debug, Clone)]
pub struct Timeline {
    clock: Stopwatch,
    events: Arc<Mutex<Vec<Event>>>,
    echo: bool,
}

impl Default for Timeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Timeline {
    /// A timeline that starts now and prints each event as it is recorded.
    pub fn new() -> Self {
        Timeline {
            clock: Stopwatch::start(),
            events: Arc::default(),
            echo: true,
        }
    }

    /// A timeline that records without printing (for tests that only assert).
    pub fn quiet() -> Self {
        Timeline {
            echo: false,
            ..Self::new()
        }
    }

    /// Record that `what` happened on `lane` now, and print it as `[ 1.00s] lane: what`.
    pub fn say(&self, lane: &str, what: impl fmt::Display) {
        let event = Event {
            at: self.clock.elapsed(),
            lane: lane.to_string(),
            what: what.to_string(),
        };
        if self.echo {
            println!("{} {}: {}", Stamp(event.at), event.lane, event.what);
        }
        self.lock().push(event);
    }

    /// Every event so far, in the order recorded.
    pub fn events(&self) -> Vec<Event> {
        self.lock().clone()
    }

    /// When `what` first happened on `lane`, if it did.
    pub fn when(&self, lane: &str, what: &str) -> Option<Duration> {
        self.lock()
            .iter()
            .find(|e| e.lane == lane && e.what == what)
            .map(|e| e.at)
    }

    /// The time of the last event: how long the whole run took.
    pub fn end(&self) -> Duration {
        self.lock().iter().map(|e| e.at).max().unwrap_or_default()
    }

    /// Draw one row per lane, a bar from its first event to its last, on a shared
    /// time axis `width` columns wide:
    ///
    /// ```text
    ///        0s        1s        2s        3s
    /// hello  [=========]
    /// world            [===================]
    /// ```
    pub fn chart(&self, width: usize) -> String {
        let events = self.events();
        let mut lanes: Vec<&str> = Vec::new();
        for event in &events {
            if !lanes.contains(&event.lane.as_str()) {
                lanes.push(&event.lane);
            }
        }
        let label = lanes.iter().map(|l| l.len()).max().unwrap_or(0).max(4);
        let end = self.end().as_secs_f64().max(f64::EPSILON);
        let width = width.max(10);
        let column = |at: Duration| ((at.as_secs_f64() / end) * width as f64).round() as usize;

        let mut out = format!("{:label$}  ", "");
        let mut ruler = String::new();
        let step = tick_step(end);
        for index in 0.. {
            let tick = index as f64 * step;
            if tick > end + 1e-9 {
                break;
            }
            let at = ((tick / end) * width as f64).round() as usize;
            let text = if step >= 1.0 {
                format!("{tick:.0}s")
            } else {
                format!("{tick:.1}s")
            };
            if at >= ruler.chars().count() {
                ruler.push_str(&" ".repeat(at - ruler.chars().count()));
                ruler.push_str(&text);
            }
        }
        out.push_str(ruler.trim_end());
        out.push('\n');

        for lane in lanes {
            let times: Vec<Duration> = events
                .iter()
                .filter(|e| e.lane == lane)
                .map(|e| e.at)
                .collect();
            let first = times.iter().min().copied().unwrap_or_default();
            let last = times.iter().max().copied().unwrap_or_default();
            let (from, to) = (column(first), column(last).max(column(first) + 1));
            let bar = format!(
                "[{}]",
                "=".repeat(to.saturating_sub(from).saturating_sub(1))
            );
            out.push_str(&format!("{lane:label$}  {}{bar}\n", " ".repeat(from)));
        }
        out
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Event>> {
        // A panic while holding this lock cannot leave the Vec half-written, so a
        // poisoned lock still holds good data.
        self.events
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A tick every 1, 2, 5, 10... seconds (or fractions) so that the ruler has a handful
/// of labels whatever the run's length.
fn tick_step(end: f64) -> f64 {
    // A real 3 s run ends a few milliseconds late; 1% slack keeps its ticks at 1 s.
    let rough = end / 3.0 * 0.99;
    let magnitude = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(magnitude * 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_seconds_with_two_decimals_padded_to_line_up() {
        assert_eq!(Stamp(Duration::from_millis(1000)).to_string(), "[ 1.00s]");
        assert_eq!(Stamp(Duration::from_millis(12_345)).to_string(), "[12.35s]");
    }

    #[tokio::test(start_paused = true)]
    async fn a_timeline_reads_the_paused_clock() {
        let timeline = Timeline::quiet();
        timeline.say("a", "start");
        tokio::time::sleep(Duration::from_secs(2)).await;
        timeline.say("a", "end");
        assert_eq!(timeline.when("a", "end"), Some(Duration::from_secs(2)));
        assert_eq!(timeline.end(), Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn a_chart_draws_a_bar_per_lane_over_its_span() {
        let timeline = Timeline::quiet();
        timeline.say("hello", "start");
        timeline.say("world", "start");
        tokio::time::sleep(Duration::from_secs(1)).await;
        timeline.say("hello", "end");
        tokio::time::sleep(Duration::from_secs(1)).await;
        timeline.say("world", "end");
        let chart = timeline.chart(20);
        let rows: Vec<&str> = chart.lines().collect();
        assert_eq!(rows[0].trim(), "0s        1s        2s");
        assert_eq!(rows[1], "hello  [=========]");
        assert_eq!(rows[2], "world  [===================]");
    }

    #[test]
    fn a_run_that_ends_a_little_late_keeps_whole_second_ticks() {
        assert_eq!(tick_step(3.004), 1.0);
        assert_eq!(tick_step(2.0), 1.0);
        assert_eq!(tick_step(10.0), 5.0);
    }
}
