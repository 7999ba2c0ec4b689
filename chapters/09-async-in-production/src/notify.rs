//! `Notify`, and the notification that gets lost.
//!
//! `asyncio.Event` is a flag with a waiting room: `set()` raises the flag and wakes
//! everyone waiting, and `wait()` after `set()` returns at once because the flag is
//! still up. Tokio's nearest thing, `Notify`, has no flag. It only wakes tasks, and
//! the two ways to wake differ in what happens when nobody is waiting yet:
//!
//! - `notify_waiters()` wakes the tasks waiting *right now* and keeps nothing: a task
//!   that starts waiting a moment later waits for the next call, maybe for ever;
//! - `notify_one()` wakes one waiting task or, if there is none, stores a single
//!   permit, and the next task to wait takes it and returns at once.
//!
//! The lost case is the classic lost-wakeup bug: "check the flag, then wait" with the
//! notification landing in between. Tokio's tool against it is `Notified::enable`:
//! it puts a `notified()` future in the waiting list *before* it is first polled, so
//! a `notify_one` that comes between "check" and "wait" is given to that future
//! instead of being stored as the one permit somebody else may take (the test
//! `enabled_waiters_each_get_their_own_notify_one`). Exercise `event` builds an
//! `asyncio.Event` that cannot lose one.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

/// How a wait ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Waited {
    Woken,
    StillWaitingAfter(Duration),
}

async fn wait_at_most(notify: &Notify, patience: Duration) -> Waited {
    match tokio::time::timeout(patience, notify.notified()).await {
        Ok(()) => Waited::Woken,
        Err(_) => Waited::StillWaitingAfter(patience),
    }
}

// ANCHOR: lost
/// The producer says "ready" before the consumer has started to wait. With
/// `notify_waiters` there was nobody to wake, and nothing is kept: the consumer waits
/// for a wake-up that already happened.
pub async fn notify_waiters_too_early(patience: Duration) -> Waited {
    let ready = Arc::new(Notify::new());
    ready.notify_waiters(); // the producer is quick...
    wait_at_most(&ready, patience).await // ...and the consumer is late
}
// ANCHOR_END: lost

// ANCHOR: kept
/// The same order of events with `notify_one`: with nobody waiting it stores a
/// permit, and the late consumer takes the permit and returns at once.
pub async fn notify_one_too_early(patience: Duration) -> Waited {
    let ready = Arc::new(Notify::new());
    ready.notify_one();
    wait_at_most(&ready, patience).await
}
// ANCHOR_END: kept

// ANCHOR: one_permit
/// But a permit is *one* permit, not a flag: of two late consumers only the first gets
/// through. That is why `notify_one` alone is no `asyncio.Event` either.
pub async fn two_late_waiters_one_permit(patience: Duration) -> (Waited, Waited) {
    let ready = Arc::new(Notify::new());
    ready.notify_one();
    ready.notify_one(); // permits do not add up: still one
    let first = wait_at_most(&ready, patience).await;
    let second = wait_at_most(&ready, patience).await;
    (first, second)
}
// ANCHOR_END: one_permit

#[cfg(test)]
mod tests {
    use super::*;

    const PATIENCE: Duration = Duration::from_secs(10);

    #[tokio::test(start_paused = true)]
    async fn notify_waiters_before_anyone_waits_is_lost() {
        assert_eq!(
            notify_waiters_too_early(PATIENCE).await,
            Waited::StillWaitingAfter(PATIENCE)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn notify_one_before_anyone_waits_stores_a_permit() {
        let started = tokio::time::Instant::now();
        assert_eq!(notify_one_too_early(PATIENCE).await, Waited::Woken);
        assert_eq!(
            started.elapsed(),
            Duration::ZERO,
            "the permit was there already"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn two_notify_ones_store_only_one_permit() {
        assert_eq!(
            two_late_waiters_one_permit(PATIENCE).await,
            (Waited::Woken, Waited::StillWaitingAfter(PATIENCE))
        );
    }

    #[tokio::test(start_paused = true)]
    async fn notify_waiters_wakes_every_task_already_waiting() {
        let ready = Arc::new(Notify::new());
        let mut waiting = tokio::task::JoinSet::new();
        for _ in 0..3 {
            let ready = Arc::clone(&ready);
            waiting.spawn(async move { wait_at_most(&ready, PATIENCE).await });
        }
        tokio::task::yield_now().await; // let all three start waiting
        ready.notify_waiters();
        let woken = waiting.join_all().await;
        assert_eq!(woken, [Waited::Woken, Waited::Woken, Waited::Woken]);
    }

    #[tokio::test(start_paused = true)]
    async fn enabled_waiters_each_get_their_own_notify_one() {
        use std::future::Future as _;
        use std::pin::pin;
        use std::task::{Context, Poll, Waker};
        let poll = |future: std::pin::Pin<&mut tokio::sync::futures::Notified<'_>>| {
            future.poll(&mut Context::from_waker(Waker::noop()))
        };
        // Two consumers made their futures, then both check the queue (empty)...
        let notify = Notify::new();
        let (mut first, mut second) = (pin!(notify.notified()), pin!(notify.notified()));
        // ...and two producers each push an item and call notify_one, before either
        // consumer has awaited. Not enabled: nobody is in the list, so one permit.
        notify.notify_one();
        notify.notify_one();
        assert_eq!(poll(first.as_mut()), Poll::Ready(()));
        assert_eq!(
            poll(second.as_mut()),
            Poll::Pending,
            "the second wake-up was lost"
        );

        // The same with both enabled before the check: each notify_one reaches one.
        let notify = Notify::new();
        let (mut first, mut second) = (pin!(notify.notified()), pin!(notify.notified()));
        first.as_mut().enable();
        second.as_mut().enable();
        notify.notify_one();
        notify.notify_one();
        assert_eq!(poll(first.as_mut()), Poll::Ready(()));
        assert_eq!(poll(second.as_mut()), Poll::Ready(()));
    }
}
