//! `select!` in a loop, and its three classic pitfalls.
//!
//! `tokio::select!` polls several futures and runs the branch of whichever finishes
//! first, dropping the others (the previous section: that is where cancellation safety
//! matters). Python's nearest is `asyncio.wait(..., return_when=FIRST_COMPLETED)`,
//! with one big difference: `wait` leaves the losers running as tasks, `select!`
//! drops them.
//!
//! 1. **Fairness.** Each time it runs, `select!` starts at a branch picked at random
//!    and checks the others in order from there, so when several are ready at once no
//!    branch always wins. `biased;` always starts at the first: good
//!    for "shutdown first", and a starvation bug when the first branch is always ready
//!    ([`ready_wins`]).
//! 2. **A future made inside `select!` is made again on every turn.** `sleep(limit)`
//!    written in the branch is a fresh timer each time round the loop: an idle
//!    timeout, not a deadline. For one deadline across the loop, create the sleep once,
//!    pin it with `pin!`, and select on `&mut deadline` ([`until_deadline`] against
//!    [`until_quiet`]).
//! 3. **A finished future must not be polled again.** A future kept across turns that
//!    has completed is still a branch on the next turn; polling an `async` block after
//!    it finished panics. A precondition (`, if !done`) switches the branch off
//!    ([`messages_while_working`]); a branch whose pattern does not match (`Some(x) =
//!    rx.recv()` when the channel is closed) is off for that turn; when every branch
//!    is off, `else` runs.
//!
//! And the timer such loops tick on: `interval(period)` ticks the first time *at
//! once*, and when the loop falls behind, its default `MissedTickBehavior::Burst`
//! fires every missed tick back to back to catch up; `Delay` and `Skip` do not
//! ([`tick_times`]).
use std::pin::pin;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior, interval, sleep};

// ANCHOR: fairness
/// Select between two futures that are both ready at once, `turns` times, and count
/// how often each branch ran: `(first, second)`.
pub async fn ready_wins(turns: usize, biased: bool) -> (usize, usize) {
    let (mut first, mut second) = (0, 0);
    for _ in 0..turns {
        if biased {
            tokio::select! {
                biased;
                () = std::future::ready(()) => first += 1,
                () = std::future::ready(()) => second += 1,
            }
        } else {
            tokio::select! {
                () = std::future::ready(()) => first += 1,
                () = std::future::ready(()) => second += 1,
            }
        }
    }
    (first, second)
}
// ANCHOR_END: fairness

/// Send `count` messages, `every` apart, then hang up.
pub async fn send_every(messages: mpsc::Sender<u32>, count: u32, every: Duration) {
    for n in 1..=count {
        sleep(every).await;
        if messages.send(n).await.is_err() {
            return;
        }
    }
}

/// What a receiving loop got, and when it stopped (since it began).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub messages: Vec<u32>,
    pub stopped_after: Duration,
}

// ANCHOR: quiet
/// Receive until the channel closes or `limit` passes... or so it reads. The
/// `sleep(limit)` is created anew on every turn, so each message restarts it: this
/// stops only after `limit` of *silence*.
pub async fn until_quiet(mut messages: mpsc::Receiver<u32>, limit: Duration) -> Received {
    let start = Instant::now();
    let mut received = Vec::new();
    loop {
        tokio::select! {
            () = sleep(limit) => break,
            message = messages.recv() => match message {
                Some(message) => received.push(message),
                None => break,
            },
        }
    }
    Received {
        messages: received,
        stopped_after: start.elapsed(),
    }
}
// ANCHOR_END: quiet

// ANCHOR: deadline
/// Receive until the channel closes or `limit` has passed since the start: one sleep,
/// created once, pinned to this stack frame, and polled through `&mut` on every turn,
/// so it keeps counting down across the loop.
pub async fn until_deadline(mut messages: mpsc::Receiver<u32>, limit: Duration) -> Received {
    let start = Instant::now();
    let mut received = Vec::new();
    let mut deadline = pin!(sleep(limit));
    loop {
        tokio::select! {
            () = &mut deadline => break,
            message = messages.recv() => match message {
                Some(message) => received.push(message),
                None => break,
            },
        }
    }
    Received {
        messages: received,
        stopped_after: start.elapsed(),
    }
}
// ANCHOR_END: deadline

// ANCHOR: precondition
/// Handle messages while one piece of work runs alongside, until both are done:
/// `(the work's result, the messages)`. The work is kept across turns (`&mut work`);
/// once it has finished, `if result.is_none()` switches its branch off, because
/// polling a finished `async` block again panics. When the channel is closed too,
/// both branches are off and `else` ends the loop.
pub async fn messages_while_working(
    mut messages: mpsc::Receiver<u32>,
    work: impl Future<Output = &'static str>,
) -> (Option<&'static str>, Vec<u32>) {
    let mut work = pin!(work);
    let mut result = None;
    let mut received = Vec::new();
    loop {
        tokio::select! {
            done = &mut work, if result.is_none() => result = Some(done),
            Some(message) = messages.recv() => received.push(message),
            else => break,
        }
    }
    (result, received)
}
// ANCHOR_END: precondition

// ANCHOR: ticks
/// When the first `ticks` ticks of `interval(period)` came, since the start, with
/// `behavior`, when the work done on the second tick takes `slow` (a slow flush).
pub async fn tick_times(
    behavior: MissedTickBehavior,
    period: Duration,
    slow: Duration,
    ticks: usize,
) -> Vec<Duration> {
    let start = Instant::now();
    let mut timer = interval(period); // the first tick is at once
    timer.set_missed_tick_behavior(behavior);
    let mut times = Vec::new();
    for n in 1..=ticks {
        timer.tick().await;
        times.push(start.elapsed());
        if n == 2 {
            sleep(slow).await; // the loop falls behind by a few periods
        }
    }
    times
}
// ANCHOR_END: ticks

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[tokio::test]
    async fn unbiased_select_picks_both_ready_branches_about_equally() {
        let (first, second) = ready_wins(1000, false).await;
        // Each side below 350 of 1000 fair coin flips: odds far under one in 10^20.
        assert!(first > 350 && second > 350, "{first} vs {second}");
    }

    #[tokio::test]
    async fn biased_select_always_takes_the_first_ready_branch() {
        assert_eq!(ready_wins(1000, true).await, (1000, 0));
    }

    /// Ten messages 400 ms apart, received with a one-second limit.
    async fn ten_messages(
        receive: impl AsyncFnOnce(mpsc::Receiver<u32>, Duration) -> Received,
    ) -> Received {
        let (tx, rx) = mpsc::channel(16);
        tokio::spawn(send_every(tx, 10, Duration::from_millis(400)));
        receive(rx, SECOND).await
    }

    #[tokio::test(start_paused = true)]
    async fn a_sleep_inside_select_restarts_every_turn_so_it_never_fires_between_messages() {
        let got = ten_messages(until_quiet).await;
        assert_eq!(got.messages, (1..=10).collect::<Vec<_>>());
        assert_eq!(
            got.stopped_after,
            Duration::from_secs(4),
            "stopped at the close"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_pinned_sleep_polled_through_mut_is_one_deadline_for_the_whole_loop() {
        let got = ten_messages(until_deadline).await;
        assert_eq!(got.messages, [1, 2], "the messages of 0.4s and 0.8s");
        assert_eq!(got.stopped_after, SECOND);
    }

    #[tokio::test(start_paused = true)]
    async fn a_precondition_stops_a_finished_future_from_being_polled_again() {
        let (tx, rx) = mpsc::channel(16);
        tokio::spawn(send_every(tx, 5, Duration::from_millis(400)));
        let work = async {
            sleep(SECOND).await;
            "report"
        };
        let start = Instant::now();
        let (result, messages) = messages_while_working(rx, work).await;
        assert_eq!(result, Some("report"));
        assert_eq!(messages, [1, 2, 3, 4, 5], "the loop went on after the work");
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "until the channel closed"
        );
    }

    #[tokio::test]
    #[should_panic(expected = "resumed after completion")]
    async fn polling_a_finished_async_block_again_panics() {
        let mut work = pin!(async { "report" });
        let _ = (&mut work).await;
        let _ = (&mut work).await;
    }

    #[tokio::test]
    #[should_panic(expected = "all branches are disabled and there is no else branch")]
    async fn a_select_with_every_branch_off_and_no_else_panics() {
        let (tx, mut rx) = mpsc::channel::<u32>(1);
        drop(tx);
        tokio::select! {
            Some(message) = rx.recv() => println!("{message}"),
        }
    }

    fn ms(list: &[u64]) -> Vec<Duration> {
        list.iter().map(|&m| Duration::from_millis(m)).collect()
    }

    /// Six ticks of a 100 ms interval whose second tick's work takes 350 ms.
    async fn six_ticks(behavior: MissedTickBehavior) -> Vec<Duration> {
        let (period, slow) = (Duration::from_millis(100), Duration::from_millis(350));
        tick_times(behavior, period, slow, 6).await
    }

    #[tokio::test(start_paused = true)]
    async fn interval_ticks_at_once_then_by_default_bursts_to_catch_up() {
        assert_eq!(MissedTickBehavior::default(), MissedTickBehavior::Burst);
        assert_eq!(
            six_ticks(MissedTickBehavior::Burst).await,
            ms(&[0, 100, 450, 450, 450, 500]),
            "the ticks of 200, 300 and 400 ms all fire at 450 ms"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn delay_restarts_the_period_from_the_late_tick() {
        assert_eq!(
            six_ticks(MissedTickBehavior::Delay).await,
            ms(&[0, 100, 450, 550, 650, 750])
        );
    }

    #[tokio::test(start_paused = true)]
    async fn skip_drops_the_missed_ticks_and_keeps_the_old_rhythm() {
        assert_eq!(
            six_ticks(MissedTickBehavior::Skip).await,
            ms(&[0, 100, 450, 500, 600, 700])
        );
    }
}
