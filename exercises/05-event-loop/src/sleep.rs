//! Exercise 2 (medium): `sleep` on the loop's timer heap.
//!
//! `asyncio.sleep(delay)` makes a future and asks the loop to complete it at a
//! deadline. Write the same on our loop. You have two calls:
//!
//! - `ch05_event_loop::timer::now()`: the running loop's clock;
//! - `ch05_event_loop::timer::wake_at(deadline, waker)`: push a timer on the heap
//!   that calls `waker.wake()` at `deadline`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

// ANCHOR: exercise
/// The future returned by [`sleep`]. Add fields as you need.
pub struct Sleep {
    pub deadline: Instant,
}

/// Wait until `duration` has passed on the running loop's clock.
pub fn sleep(duration: Duration) -> Sleep {
    // TODO: fix the deadline now (the loop's `now()` plus `duration`).
    todo!("make a Sleep for {duration:?}")
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: Ready once the loop's clock has reached the deadline. Otherwise ask
        // the loop to wake this task at the deadline, and return Pending. Polled
        // again before the deadline by the same task, do not add a second timer.
        let _ = cx;
        todo!("poll the sleep until {:?}", self.deadline)
    }
}
// ANCHOR_END: exercise
