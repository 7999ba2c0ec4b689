//! The server's history: each event logged as it happens, and the last few kept.
//!
//! A server that keeps every event it ever logged grows for as long as it runs: one
//! that appended to a `Vec` grew from 4 MB to 86 MB over 100,000 connections that
//! each came and went. [`History`] keeps the last `capacity` events in a ring (a
//! `VecDeque` that drops its oldest entry when full), which is all the demo's view
//! and the tests need, and hands each event to `tracing` as it happens, for the
//! live log. What `tracing` does with it (print it, drop it) is the subscriber's
//! business: see [`logging`](crate::logging).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use course_kit::stamp::Event;
use tokio::time::Instant;

// ANCHOR: history
/// The last `capacity` events, shared by every task of the server.
#[derive(Debug, Clone)]
pub struct History {
    started: Instant,
    capacity: usize,
    /// Whether each event also goes to `tracing` as it happens.
    live: bool,
    events: Arc<Mutex<VecDeque<Event>>>,
}

impl History {
    /// A history of the last `capacity` events, kept quiet (for demos and tests).
    pub fn new(capacity: usize) -> Self {
        History {
            started: Instant::now(),
            capacity,
            live: false,
            events: Arc::default(),
        }
    }

    /// The same, with every event also logged through `tracing` as it happens.
    pub fn logged(self) -> Self {
        History { live: true, ..self }
    }

    /// Record that `what` happened on `lane` (a client, or the server).
    pub fn say(&self, lane: &str, what: impl std::fmt::Display) {
        let what = what.to_string();
        if self.live {
            tracing::info!("{lane}: {what}");
        }
        if self.capacity == 0 {
            return;
        }
        let event = Event {
            at: self.started.elapsed(),
            lane: lane.to_string(),
            what,
        };
        // A panic elsewhere while the lock was held leaves the ring as it was,
        // still a valid ring: carry on with it rather than panic here too.
        let mut events = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        if events.len() == self.capacity {
            events.pop_front();
        }
        events.push_back(event);
    }
    // ANCHOR_END: history

    /// The events kept, oldest first.
    pub fn events(&self) -> Vec<Event> {
        let events = self.events.lock().unwrap_or_else(PoisonError::into_inner);
        events.iter().cloned().collect()
    }

    /// When `what` happened on `lane`, if it is still in the history.
    pub fn when(&self, lane: &str, what: &str) -> Option<Duration> {
        self.events()
            .into_iter()
            .find(|e| e.lane == lane && e.what == what)
            .map(|e| e.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_keeps_only_the_last_events() {
        let history = History::new(3);
        for n in 0..10 {
            history.say("server", n);
        }
        let kept: Vec<String> = history.events().into_iter().map(|e| e.what).collect();
        assert_eq!(kept, ["7", "8", "9"], "a ring of 3 keeps the newest 3");
    }

    #[test]
    fn a_history_of_capacity_zero_keeps_nothing() {
        let history = History::new(0);
        history.say("server", "hello");
        assert!(history.events().is_empty());
    }
}
