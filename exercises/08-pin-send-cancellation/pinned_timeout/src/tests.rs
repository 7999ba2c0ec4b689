//! The tests of the `pinned_timeout` exercise. Its solution runs this same file, so
//! what passes there is exactly what you are asked for here.

use std::time::Duration;

use course_kit::watchdog;
use tokio::time::{Instant, sleep};

use crate::pinned_timeout::{Elapsed, Timeout, with_timeout};

const SECOND: Duration = Duration::from_secs(1);

const HANG: &str = "the Timeout never finished. When the work is not ready, poll the \
                    deadline too, and keep it: a Sleep that was never polled has no \
                    waker to wake, and one made inside poll is dropped when poll \
                    returns, its wake-up with it. Nothing will ever poll the Timeout \
                    again.";

/// Run `body` on the paused clock, under the watchdog.
fn paused<T: Send + 'static, Fut: Future<Output = T>>(
    body: impl FnOnce() -> Fut + Send + 'static,
) -> T {
    watchdog::paused(watchdog::LIMIT, HANG, body)
}

/// A work that sleeps `secs` seconds and returns `value`: an `async` block, which is
/// not `Unpin`.
async fn work(secs: f64, value: &'static str) -> &'static str {
    sleep(Duration::from_secs_f64(secs)).await;
    value
}

/// Compiles only if `T` is `Unpin`.
fn assert_unpin<T: Unpin>(_: &T) {}

#[test]
fn work_that_finishes_first_gives_ok_at_its_own_time() {
    let (result, took) = paused(|| async {
        let start = Instant::now();
        (
            with_timeout(work(1.0, "done"), 3 * SECOND).await,
            start.elapsed(),
        )
    });
    assert_eq!(
        result,
        Ok("done"),
        "the work (1s) is quicker than the limit (3s)"
    );
    assert_eq!(took, SECOND, "the Timeout is ready as soon as the work is");
}

#[test]
fn work_slower_than_the_limit_gives_elapsed_exactly_at_the_limit() {
    let (result, took) = paused(|| async {
        let start = Instant::now();
        (
            with_timeout(work(3.0, "late"), SECOND).await,
            start.elapsed(),
        )
    });
    assert_eq!(
        result,
        Err(Elapsed),
        "the work (3s) is slower than the limit (1s)"
    );
    assert_eq!(took, SECOND, "the Timeout gives up at the limit, not later");
}

#[test]
fn the_limit_counts_from_the_call_not_from_the_first_poll() {
    let (result, took) = paused(|| async {
        let start = Instant::now();
        let timeout = with_timeout(work(5.0, "late"), SECOND);
        // Not polled for 0.6s: like a future made now and awaited later.
        sleep(Duration::from_millis(600)).await;
        (timeout.await, start.elapsed())
    });
    assert_eq!(
        (result, took),
        (Err(Elapsed), SECOND),
        "with_timeout was called at 0s with a 1s limit, so it ends at 1s. Ending at \
         1.6s means the deadline was started at the first poll: start the Sleep in \
         with_timeout itself"
    );
}

#[test]
fn a_work_that_wakes_often_does_not_push_the_deadline_back() {
    let (result, took) = paused(|| async {
        let start = Instant::now();
        // Ten steps of 0.4s: the Timeout is polled at every step.
        let chatty = async {
            for _ in 0..10 {
                sleep(Duration::from_millis(400)).await;
            }
            "all ten steps"
        };
        (with_timeout(chatty, SECOND).await, start.elapsed())
    });
    assert_eq!(
        (result, took),
        (Err(Elapsed), SECOND),
        "the work takes 4s and the limit is 1s. Ok at 4s means each poll made a new \
         deadline (a `sleep(limit)` created inside poll, or a Sleep that is replaced): \
         create one Sleep, once, and keep polling that one"
    );
}

#[test]
fn a_result_ready_at_the_deadline_is_a_result_not_a_timeout() {
    let result = paused(|| async { with_timeout(work(1.0, "just in time"), SECOND).await });
    assert_eq!(
        result,
        Ok("just in time"),
        "the work and the deadline are both ready at 1s; a finished result must not \
         be thrown away: poll the work before the deadline"
    );
    let instant = paused(|| async { with_timeout(async { 42 }, Duration::ZERO).await });
    assert_eq!(
        instant,
        Ok(42),
        "a work ready at once wins even with a zero limit"
    );
}

#[test]
fn timeout_is_unpin_around_an_async_block_so_select_can_take_it_by_mut() {
    let (first, second) = paused(|| async {
        let mut slow = with_timeout(work(3.0, "late"), SECOND);
        // A Timeout that is not Unpin makes this line a compile error: box and pin
        // the futures inside it (`Pin<Box<...>>` is Unpin whatever it holds).
        assert_unpin(&slow);
        let first = tokio::select! {
            result = &mut slow => Some(result),
            () = sleep(Duration::from_millis(500)) => None,
        };
        // The same Timeout, polled again on a second "turn", keeps its deadline.
        (first, (&mut slow).await)
    });
    assert_eq!(
        first, None,
        "at 0.5s neither the work nor the limit is reached"
    );
    assert_eq!(second, Err(Elapsed), "then the limit, at 1s");
}

#[test]
fn the_work_is_polled_once_per_wake_up_not_in_a_loop() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let polls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&polls);
    let result: Result<(), Elapsed> = paused(move || async move {
        // A work that counts its polls and never finishes.
        let never = std::future::poll_fn(move |_| {
            counted.fetch_add(1, Ordering::SeqCst);
            std::task::Poll::Pending
        });
        let timeout: Timeout<_> = with_timeout(never, SECOND);
        timeout.await
    });
    assert_eq!(
        result,
        Err(Elapsed),
        "the work never finishes; the limit is 1s"
    );
    let polls = polls.load(Ordering::SeqCst);
    assert!(
        polls <= 2,
        "the work was polled {polls} times in one second; once at the start and once \
         when the deadline wakes the Timeout is enough. A Timeout that wakes itself \
         (cx.waker().wake_by_ref()) spins, keeping the thread busy for nothing"
    );
}
