//! The synchronisation primitives, asyncio's beside tokio's.
//!
//! | asyncio               | tokio                                  |
//! |-----------------------|----------------------------------------|
//! | `Lock`                | `sync::Mutex` (or `std::sync::Mutex`)  |
//! | `Semaphore`           | `sync::Semaphore`                      |
//! | `Barrier` (3.11)      | `sync::Barrier`                        |
//! | `Condition`           | `sync::watch` and `wait_for`           |
//! | `Event`               | `sync::Notify` plus a flag (next file) |
//! | `Queue`               | `sync::mpsc` (chapter 6)               |
//!
//! They look alike and mostly behave alike. The differences are in what the types
//! make you say: a tokio `Mutex` owns the data it guards (Python's lock guards
//! whatever the code agrees it guards), a `Semaphore` hands out a permit that gives
//! itself back when dropped, and a `Condition` is best replaced by a `watch` channel,
//! which keeps the value and the wake-up together so neither can be forgotten.

use std::sync::Arc;
use std::time::Duration;

use course_kit::Timeline;
use tokio::sync::{Barrier, Mutex, Semaphore, watch};
use tokio::task::JoinSet;

// ANCHOR: mutex
/// Two tasks update one balance, each sleeping *while holding the lock* (a slow write
/// to a database, say). A tokio `Mutex` may be held across `.await`; the second task
/// waits its turn, so no update is lost, and the two take 2 × `write` in all.
pub async fn locked_updates(write: Duration, log: &Timeline) -> u64 {
    let balance = Arc::new(Mutex::new(100_u64));
    let mut tasks = JoinSet::new();
    for (who, amount) in [("alice", 10), ("bob", 20)] {
        let balance = Arc::clone(&balance);
        let log = log.clone();
        tasks.spawn(async move {
            let mut guard = balance.lock().await;
            let read = *guard;
            tokio::time::sleep(write).await; // the lock is held across this .await
            *guard = read + amount;
            log.say(who, format!("balance {read} -> {}", *guard));
        });
    }
    tasks.join_all().await;
    *balance.lock().await
}
// ANCHOR_END: mutex

// ANCHOR: semaphore
/// Five downloads, at most two at once: `async with sem:` is `sem.acquire().await`,
/// and the permit goes back when it is dropped at the end of the task.
pub async fn two_at_a_time(log: &Timeline) {
    let permits = Arc::new(Semaphore::new(2));
    let mut tasks = JoinSet::new();
    for (name, millis) in [("a", 300), ("b", 100), ("c", 250), ("d", 100), ("e", 100)] {
        let permits = Arc::clone(&permits);
        let log = log.clone();
        tasks.spawn(async move {
            let _permit = permits
                .acquire()
                .await
                .expect("the semaphore is never closed");
            log.say(name, "start");
            tokio::time::sleep(Duration::from_millis(millis)).await;
            log.say(name, "end");
        });
    }
    tasks.join_all().await;
}
// ANCHOR_END: semaphore

// ANCHOR: barrier
/// Three workers that load at different speeds, then all start together: each waits
/// at the barrier until the last one arrives. One of them is told it is the leader,
/// which is handy for "exactly one of you print the banner".
pub async fn start_together(log: &Timeline) {
    let barrier = Arc::new(Barrier::new(3));
    let mut tasks = JoinSet::new();
    for (name, loading) in [("w1", 100), ("w2", 300), ("w3", 200)] {
        let barrier = Arc::clone(&barrier);
        let log = log.clone();
        tasks.spawn(async move {
            tokio::time::sleep(Duration::from_millis(loading)).await;
            log.say(name, "loaded, waiting");
            let leader = barrier.wait().await.is_leader();
            (name, leader)
        });
    }
    // All three pass at the same instant, woken in no set order: report them in
    // name order, so that the output is the same every run.
    let mut went = tasks.join_all().await;
    went.sort();
    for (name, leader) in went {
        log.say(name, if leader { "go (leader)" } else { "go" });
    }
}
// ANCHOR_END: barrier

// ANCHOR: condition
/// `async with cond: await cond.wait_for(lambda: stock >= 3)` becomes a `watch`
/// channel: the producer `send`s each new value, the consumer waits for the predicate.
/// The value lives in the channel, so a change cannot slip by between check and wait.
pub async fn wait_for_stock(log: &Timeline) -> u32 {
    let (stock, mut watching) = watch::channel(0_u32);
    let log_producer = log.clone();
    tokio::spawn(async move {
        for count in 1..=5 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            log_producer.say("producer", format!("stock = {count}"));
            if stock.send(count).is_err() {
                return; // nobody is watching any more
            }
        }
    });
    let seen = *watching
        .wait_for(|count| *count >= 3)
        .await
        .expect("the producer sends 3 before it ends");
    log.say("consumer", format!("woke up with stock = {seen}"));
    seen
}
// ANCHOR_END: condition

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[tokio::test(start_paused = true)]
    async fn a_lock_held_across_await_loses_no_update_and_serialises_the_writers() {
        let log = Timeline::quiet();
        let balance = locked_updates(100 * MS, &log).await;
        assert_eq!(balance, 130, "both updates landed");
        assert_eq!(log.end(), 200 * MS, "one after the other");
    }

    #[tokio::test(start_paused = true)]
    async fn a_semaphore_of_two_never_runs_three_at_once() {
        let log = Timeline::quiet();
        two_at_a_time(&log).await;
        let mut running = 0_i32;
        let mut most = 0;
        // End events come before start events at the same instant: that is when a
        // permit moves from one task to the next.
        let mut events = log.events();
        events.sort_by_key(|e| (e.at, e.what == "start"));
        for event in events {
            running += if event.what == "start" { 1 } else { -1 };
            most = most.max(running);
        }
        assert_eq!(most, 2);
        // a (300) and b (100) first; c takes b's permit at 100 and ends at 350; d takes
        // a's at 300 and ends at 400; e takes c's at 350 and ends at 450.
        assert_eq!(log.end(), 450 * MS);
    }

    #[tokio::test(start_paused = true)]
    async fn a_barrier_releases_everyone_when_the_last_arrives_with_one_leader() {
        let log = Timeline::quiet();
        start_together(&log).await;
        let go: Vec<_> = log
            .events()
            .into_iter()
            .filter(|e| e.what.starts_with("go"))
            .collect();
        assert_eq!(go.len(), 3);
        assert!(go.iter().all(|e| e.at == 300 * MS), "{go:?}");
        assert_eq!(go.iter().filter(|e| e.what == "go (leader)").count(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn wait_for_wakes_the_consumer_when_the_predicate_first_holds() {
        let log = Timeline::quiet();
        assert_eq!(wait_for_stock(&log).await, 3);
        assert_eq!(
            log.when("consumer", "woke up with stock = 3"),
            Some(300 * MS)
        );
    }
}
