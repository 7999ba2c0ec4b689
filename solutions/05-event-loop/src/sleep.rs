//! Exercise 2, solved: `sleep` on the loop's timer heap.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use ch05_event_loop::timer::{now, wake_at};

// ANCHOR: solution
/// The future returned by [`sleep`].
pub struct Sleep {
    pub deadline: Instant,
    /// The waker our timer will wake: set once a timer is on the heap.
    registered: Option<Waker>,
}

/// Wait until `duration` has passed on the running loop's clock.
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        deadline: now() + duration,
        registered: None,
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if now() >= self.deadline {
            return Poll::Ready(());
        }
        // A timer per *waker*: the same task polling again needs no new one, but a
        // future moved to another task must wake that task instead.
        let known = self
            .registered
            .as_ref()
            .is_some_and(|waker| waker.will_wake(cx.waker()));
        if !known {
            wake_at(self.deadline, cx.waker().clone());
            self.registered = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}
// ANCHOR_END: solution
