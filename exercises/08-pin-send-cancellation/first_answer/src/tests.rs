//! The tests of the `first_answer` exercise. Its solution runs this same file, so
//! what passes there is exactly what you are asked for here.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

use crate::first_answer::{BoxFuture, Slow, Source, Table, first_answer};

const HANG: &str = "the lookup never finished. Does a lookup future that waits (a \
                    Slow source) use tokio's sleep, and does first_answer stop once \
                    every lookup has answered?";

fn secs(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

/// A table named `name` that knows `key` if `value` is given, behind `delay` seconds.
fn source(name: &str, knows: Option<(&str, &str)>, delay: u64) -> Box<dyn Source> {
    let table = Table::new(name, knows.as_slice());
    if delay == 0 {
        Box::new(table)
    } else {
        Box::new(Slow {
            inner: Box::new(table),
            delay: secs(delay),
        })
    }
}

/// `first_answer(sources, "key")` on the paused clock: the answer and when it came.
fn ask(sources: Vec<Box<dyn Source>>) -> (Option<(String, String)>, Duration) {
    watchdog::paused(watchdog::LIMIT, HANG, move || async move {
        let start = Instant::now();
        let answer = first_answer(&sources, "key").await;
        (answer, start.elapsed())
    })
}

/// When an answer came earlier than any source could give it, a `Slow` source did not
/// wait: say so; otherwise `otherwise`.
fn why(took: Duration, earliest: Duration, otherwise: &str) -> String {
    if took < earliest {
        format!(
            "the answer came at {took:?}, earlier than the sources can give it \
             ({earliest:?}): does `Slow::lookup` await its sleep \
             (`sleep(self.delay).await`)? A `sleep(...)` that is made and not awaited \
             waits for nothing."
        )
    } else {
        otherwise.to_string()
    }
}

fn answer(name: &str, value: &str) -> Option<(String, String)> {
    Some((name.to_string(), value.to_string()))
}

#[test]
fn a_table_answers_at_once_and_knows_only_its_keys() {
    let (found, missing) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let table = Table::new("t", &[("a", "1")]);
        (table.lookup("a").await, table.lookup("b").await)
    });
    assert_eq!((found.as_deref(), missing), (Some("1"), None));
}

#[test]
fn slow_answers_what_its_inner_source_answers_after_its_delay() {
    let (value, took) = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let slower = Slow {
            inner: source("t", Some(("key", "v")), 2),
            delay: secs(1),
        };
        let start = Instant::now();
        (slower.lookup("key").await, start.elapsed())
    });
    assert_eq!(value.as_deref(), Some("v"), "what the inner source answers");
    let why = why(
        took,
        secs(3),
        "a 1s Slow around a 2s Slow: the delays add up",
    );
    assert_eq!(took, secs(3), "{why}");
}

#[test]
fn the_quickest_source_that_knows_wins_even_when_listed_last() {
    let (found, took) = ask(vec![
        source("far", Some(("key", "far value")), 3),
        source("near", Some(("key", "near value")), 1),
    ]);
    let why = why(
        took,
        secs(1),
        "both know the key; near answers at 1s, far at 3s. Getting far's answer (or \
         near's at 3s) means the sources were asked one after the other, or every \
         answer was awaited: ask them all at once, take answers as they come",
    );
    assert_eq!(
        (found, took),
        (answer("near", "near value"), secs(1)),
        "{why}"
    );
}

#[test]
fn a_slow_source_listed_last_does_not_hold_the_answer_back() {
    let (found, took) = ask(vec![
        source("near", Some(("key", "near value")), 1),
        source("far", None, 5),
    ]);
    let why = why(
        took,
        secs(1),
        "near answers at 1s; waiting for far's lookup (5s) too holds the answer back",
    );
    assert_eq!(
        (found, took),
        (answer("near", "near value"), secs(1)),
        "{why}"
    );
}

#[test]
fn a_quick_none_does_not_end_the_search() {
    let (found, took) = ask(vec![
        source("quick", None, 0),
        source("slow", Some(("key", "v")), 2),
    ]);
    let why = if found.is_none() {
        "quick answers None at once: that is not an answer; slow knows the key at 2s. \
         The first *Some* wins, not the first lookup to finish"
            .to_string()
    } else {
        why(
            took,
            secs(2),
            "slow knows the key and answers at 2s: that is when the answer comes",
        )
    };
    assert_eq!((found, took), (answer("slow", "v"), secs(2)), "{why}");
}

#[test]
fn none_comes_once_every_source_has_answered_none() {
    let (found, took) = ask(vec![source("a", None, 1), source("b", None, 2)]);
    let why = why(took, secs(2), "nobody knows; the last answers at 2s");
    assert_eq!((found, took), (None, secs(2)), "{why}");
    let (found, took) = ask(Vec::new());
    assert_eq!(
        (found, took),
        (None, Duration::ZERO),
        "no sources: None at once"
    );
}

/// A source that counts the lookups it started and those it finished.
struct Counting {
    started: Arc<AtomicUsize>,
    finished: Arc<AtomicUsize>,
}

impl Source for Counting {
    fn name(&self) -> &str {
        "counting"
    }

    fn lookup<'a>(&'a self, _key: &'a str) -> BoxFuture<'a, Option<String>> {
        Box::pin(async move {
            self.started.fetch_add(1, Ordering::SeqCst);
            sleep(secs(5)).await;
            self.finished.fetch_add(1, Ordering::SeqCst);
            None
        })
    }
}

#[test]
fn every_source_is_asked_at_once_and_the_losers_are_cancelled_when_an_answer_is_found() {
    let started = Arc::new(AtomicUsize::new(0));
    let finished = Arc::new(AtomicUsize::new(0));
    let counting = Counting {
        started: Arc::clone(&started),
        finished: Arc::clone(&finished),
    };
    let (found, took) = watchdog::paused(watchdog::LIMIT, HANG, || async move {
        let sources: Vec<Box<dyn Source>> =
            vec![source("quick", Some(("key", "v")), 1), Box::new(counting)];
        let start = Instant::now();
        let found = first_answer(&sources, "key").await;
        let took = start.elapsed();
        // Long after the 5s lookup would have ended, had it gone on.
        sleep(secs(10)).await;
        (found, took)
    });
    let why = why(took, secs(1), "quick answers at 1s, and that is the answer");
    assert_eq!((found, took), (answer("quick", "v"), secs(1)), "{why}");
    assert_eq!(
        started.load(Ordering::SeqCst),
        1,
        "the counting source, listed second, must be asked at the start too"
    );
    assert_eq!(
        finished.load(Ordering::SeqCst),
        0,
        "the counting source's lookup went on after the answer was found; drop the \
         lookups still running when you return"
    );
}

#[test]
fn first_answer_is_send_so_it_can_run_in_a_spawned_task() {
    fn assert_send<T: Send>(_: &T) {}
    let found = watchdog::paused(watchdog::LIMIT, HANG, || async {
        let sources: Vec<Box<dyn Source>> = vec![source("only", Some(("key", "v")), 1)];
        let future = first_answer(&sources, "key");
        // If this does not compile, something held across an .await is not Send.
        assert_send(&future);
        future.await
    });
    assert_eq!(found, answer("only", "v"));
}
